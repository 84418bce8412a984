/**
 * Raw HTTP over a TCP socket, for tests that must send exactly what an attacker or a broken
 * client would: nothing on the way normalises the request line, the headers or the body.
 */
import { connect } from 'node:net';

/**
 * Sends `request` as it is to `address`:`port` and returns everything received (as latin1 text)
 * once the server closes, the declared body has arrived, or `timeoutMs` passed.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  address = '127.0.0.1',
  timeoutMs = 3000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, address);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // The answers under test are small: complete once the head and its declared length arrived.
      const text = Buffer.concat(chunks).toString('latin1');
      const headerEnd = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text);
      if (headerEnd >= 0 && length && text.length >= headerEnd + 4 + Number(length[1])) socket.end();
    });
    // A server that resets a hostile connection answered too: report what arrived (maybe nothing,
    // which `statusOf` reads as 0).
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(request);
  });
}

/** A raw `GET` of `target` with the given `Host` header (the address and port by default). */
export function rawGet(
  port: number,
  target: string,
  host = `127.0.0.1:${port}`,
  address = '127.0.0.1',
): Promise<string> {
  return rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, address);
}

/** Status code of a raw HTTP/1.1 response; 0 when nothing (or no status line) arrived. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}
