/**
 * Token check for plain HTTP in LAN mode: the first visit carries `?token=`, which is moved into
 * an HttpOnly, SameSite=Strict cookie and removed from the address bar (so it does not linger in
 * history or get shared with a screenshot).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText } from '../http/reply.js';
import { tokenMatches } from './token.js';

/** Name of the cookie that carries the token after the first visit. */
export const TOKEN_COOKIE = 'sop_preview_token';

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Whether the request carries the token in the cookie. */
export function hasTokenCookie(req: IncomingMessage, token: string): boolean {
  return tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token);
}

/**
 * Enforces the token on one request. Returns `true` when the request may proceed; otherwise the
 * response (redirect or 401) has been sent.
 */
export function checkLanToken(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  query: URLSearchParams,
  token: string,
): boolean {
  if (hasTokenCookie(req, token)) return true;
  if (tokenMatches(query.get('token'), token)) {
    query.delete('token');
    const rest = query.toString();
    // Collapse leading slashes so `//evil.example` cannot become a protocol-relative redirect.
    const local = `/${path.replace(/^[/\\]+/, '')}`;
    res.writeHead(302, {
      'Set-Cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: rest ? `${local}?${rest}` : local,
      'Cache-Control': 'no-store',
      'Content-Length': 0,
    });
    res.end();
    return false;
  }
  const text = 'This preview needs its token: open the URL with ?token=… printed by sop-preview.\n';
  sendText(res, 401, text);
  return false;
}
