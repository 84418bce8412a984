/**
 * WebSocket Origin check. Browsers send `Origin` on every WebSocket handshake and pages cannot
 * forge it, so requiring our own origin stops other sites from reading previews over a socket
 * (cross-site WebSocket hijacking); the token check backs it up.
 */

/** Whether `origin` is exactly the origin the page was served from (`http://` + `Host`). */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (typeof origin !== 'string' || typeof host !== 'string' || host.length === 0) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
