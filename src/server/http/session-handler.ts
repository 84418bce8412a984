/**
 * The session endpoint: a page left open across a restart asks its own origin for the new run's
 * token here, so it can reconnect without a reload. It hands out nothing a same-origin page could
 * not already read (every served document carries the token), and nothing to anyone else:
 * - the Host allow-list has already run (a DNS-rebound name gets 403 before reaching this);
 * - only `POST`, which browsers always send with `Origin`; it must be this server's own origin;
 * - a custom header is required, which another origin cannot send without a CORS preflight that
 *   is never granted (no CORS headers are ever sent);
 * - `Sec-Fetch-Site`, where the browser sends it, must be `same-origin`;
 * - in LAN mode the token cookie is checked before this runs, so a stale cookie gets 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION, SESSION_HEADER, type SessionInfo } from '../../shared/protocol.js';
import { isSameOrigin } from '../security/origin-check.js';
import { sendBody, sendJson } from './reply.js';

/** Answers one request to the session path with the token, or a refusal that carries none. */
export function handleSession(req: IncomingMessage, res: ServerResponse, token: string): void {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    refuse(res, 405, 'Use POST from the page itself.');
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (
    !isSameOrigin(req.headers.origin, req.headers.host) ||
    req.headers[SESSION_HEADER] !== '1' ||
    (site !== undefined && site !== 'same-origin')
  ) {
    refuse(res, 403, 'Only the preview page itself may ask for the session.');
    return;
  }
  // The body is never read; drain it so the connection can be reused.
  req.resume();
  const info: SessionInfo = { app: 'sop-preview', protocol: PROTOCOL_VERSION, token };
  sendJson(res, 200, info);
}

function refuse(res: ServerResponse, status: number, text: string): void {
  sendBody(res, status, 'text/plain; charset=utf-8', text, { headers: { 'Cache-Control': 'no-store' } });
}
