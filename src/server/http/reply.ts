/** The small HTTP answers every route writes: JSON bodies and plain-text errors. */
import type { ServerResponse } from 'node:http';

/** Writes a small JSON response; `close` asks the client to drop the connection afterwards. */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

/**
 * Writes a plain-text answer. Once headers went out the response is already decided; a late
 * failure must not write twice.
 */
export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
