/** The HTTP answers every route writes: a whole body of one type, JSON, plain text. */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** How {@link sendBody} answers besides status, type and body. */
export interface BodyOptions {
  /** A `HEAD` request: the headers of the answer, no body. */
  headOnly?: boolean;
  /** More headers, e.g. `Cache-Control` or `Connection`. */
  headers?: OutgoingHttpHeaders;
}

/**
 * Writes a whole response with its length. Once headers went out the response is already decided:
 * a late failure must not write twice, so a second call does nothing.
 */
export function sendBody(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  options: BodyOptions = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    ...options.headers,
  });
  res.end(options.headOnly ? undefined : body);
}

/** Writes a small JSON response; `close` asks the client to drop the connection afterwards. */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(body), {
    headers: { 'Cache-Control': 'no-store', ...(close ? { Connection: 'close' } : {}) },
  });
}

/** Writes a plain-text answer (an error, mostly). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  sendBody(res, status, 'text/plain; charset=utf-8', text);
}
