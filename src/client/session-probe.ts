/**
 * Asks the page's own origin who serves it now, while the socket is down: nobody (the server is
 * down), sop-preview (with its current token, possibly a new one after a restart), sop-preview
 * refusing this page (LAN mode with a stale cookie), or another program on the port.
 */
import { SESSION_HEADER, SESSION_PATH } from '../shared/protocol.js';

/** What the page's origin answered; only `ours` carries a token. */
export type SessionProbe =
  | { kind: 'down' }
  | { kind: 'ours'; token: string }
  | { kind: 'denied' }
  | { kind: 'foreign' };

/**
 * One `POST` to the session path. Same-origin only (the server checks `Origin` and the custom
 * header), and credentials stay same-origin so a LAN-mode cookie goes along.
 */
export async function probeSession(): Promise<SessionProbe> {
  let response: Response;
  try {
    response = await fetch(SESSION_PATH, {
      method: 'POST',
      headers: { [SESSION_HEADER]: '1' },
      cache: 'no-store',
      credentials: 'same-origin',
      redirect: 'error',
    });
  } catch {
    return { kind: 'down' };
  }
  if (response.status === 401 || response.status === 403) return { kind: 'denied' };
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const { app, token } = body as Record<string, unknown>;
      if (response.ok && app === 'sop-preview' && typeof token === 'string' && token) return { kind: 'ours', token };
    }
  } catch {
    // Not JSON: some other program answers on this port.
  }
  return { kind: 'foreign' };
}
