/**
 * `PUT /__preview/content`: lets programs in any language push HTML. Guarded by the token in a
 * header (which a cross-site form cannot set) and by refusing what browsers send cross-site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PushErrorCode, type PushErrorCodeValue } from '../../shared/error-codes.js';
import { DEFAULT_DOC } from '../../shared/protocol.js';
import { assertDocName } from '../content-store.js';
import { tokenMatches } from '../security/token.js';
import { sendJson } from './reply.js';

/** What the push handler needs from the server. */
export interface PushContext {
  token: string;
  bodyLimit: number;
  timeoutMs: number;
  /** Stores the HTML and returns the document's version. */
  apply(doc: string, html: string): number;
}

// Content types an HTML form can send without a CORS preflight: refusing them means a hostile
// page cannot push through a victim's browser even if it guessed the endpoint.
const FORM_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'];

function bearer(header: string | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

// After a refusal the rest of the body is read and thrown away, so that a client still sending
// it can read the answer instead of meeting a reset connection; past these limits the
// connection is cut, so a refused upload costs neither memory nor an open socket for long.
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 5_000;

/** The JSON body of every push answer that is not a success. */
export interface PushErrorBody {
  /** Stable code to branch on (see docs/errors.md). */
  code: PushErrorCodeValue;
  /** What went wrong, for people. */
  error: string;
}

/** Refuses the request; the connection is closed once the body is drained (or the limits hit). */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: PushErrorCodeValue,
  error: string,
): void {
  if (res.headersSent) return;
  sendJson(res, status, { code, error } satisfies PushErrorBody);
  let discarded = 0;
  const cut = (): void => {
    clearTimeout(timer);
    req.destroy();
  };
  const timer = setTimeout(cut, DISCARD_TIMEOUT_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/** Handles one push request; `query` is the parsed query string. */
export function handlePush(
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
  context: PushContext,
): void {
  if (req.method !== 'PUT') {
    res.setHeader('Allow', 'PUT');
    refuse(req, res, 405, PushErrorCode.Method, 'use PUT');
    return;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    refuse(req, res, 403, PushErrorCode.CrossSite, 'cross-site requests are refused');
    return;
  }
  if (!tokenMatches(bearer(req.headers.authorization), context.token)) {
    refuse(req, res, 401, PushErrorCode.Token, 'missing or wrong token: send "Authorization: Bearer <token>"');
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (FORM_TYPES.includes(type)) {
    refuse(req, res, 415, PushErrorCode.ContentType, 'send the HTML as text/html');
    return;
  }
  const doc = query.get('doc') ?? DEFAULT_DOC;
  try {
    assertDocName(doc);
  } catch (error) {
    refuse(req, res, 400, PushErrorCode.DocName, (error as Error).message);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > context.bodyLimit) {
    refuse(req, res, 413, PushErrorCode.TooLarge, `body over ${context.bodyLimit} bytes`);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const timer = setTimeout(() => {
    done = true;
    refuse(req, res, 408, PushErrorCode.Timeout, `body not received within ${context.timeoutMs} ms`);
  }, context.timeoutMs);
  const finish = (): void => {
    done = true;
    clearTimeout(timer);
  };
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > context.bodyLimit) {
      finish();
      chunks.length = 0;
      refuse(req, res, 413, PushErrorCode.TooLarge, `body over ${context.bodyLimit} bytes`);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    finish();
    let version: number;
    try {
      version = context.apply(doc, Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      // Never let one request take the process down; the caller sees what went wrong.
      sendJson(res, 500, {
        code: PushErrorCode.Apply,
        error: error instanceof Error ? error.message : String(error),
      } satisfies PushErrorBody);
      return;
    }
    sendJson(res, 200, { version });
  });
  req.on('close', finish);
}
