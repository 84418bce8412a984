/**
 * Shared helpers for the hardening suites: raw sockets so nothing normalises what an attacker
 * sends, and probes that tell "refused before the upgrade" from "upgraded, then closed".
 */
import { connect } from 'node:net';
import { WS_PATH } from '../../src/shared/protocol.js';

export { within } from '../server/server-helpers.js';

/** A fixed, valid `Sec-WebSocket-Key` (16 bytes, base64); the value itself does not matter. */
export const WS_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** What a raw upgrade attempt got back. */
export interface UpgradeProbe {
  /** HTTP status of the answer (101 when the handshake was accepted). */
  status: number;
  /** Every byte received, as latin1 text. */
  raw: string;
  /** Bytes received after the HTTP head; for a refused upgrade there must be none. */
  afterHead: number;
}

/** Headers of a WebSocket upgrade request; `null` leaves a header out. */
export interface UpgradeHeaders {
  host?: string | null;
  origin?: string | null;
  /** Extra raw header lines, each without CRLF. */
  extra?: string[];
}

/**
 * Sends a WebSocket handshake for `target` over a raw socket and reports the answer. Waits until
 * the server closes or `settleMs` passes after the head, so any frame sent after a 101 is seen.
 */
export function probeUpgrade(
  port: number,
  target: string,
  headers: UpgradeHeaders = {},
  settleMs = 150,
  address = '127.0.0.1',
): Promise<UpgradeProbe> {
  const lines = [`GET ${target} HTTP/1.1`];
  const host = headers.host === undefined ? `${address}:${port}` : headers.host;
  if (host !== null) lines.push(`Host: ${host}`);
  const origin = headers.origin === undefined ? `http://${address}:${port}` : headers.origin;
  if (origin !== null) lines.push(`Origin: ${origin}`);
  lines.push('Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', `Sec-WebSocket-Key: ${WS_KEY}`);
  lines.push(...(headers.extra ?? []));
  const request = `${lines.join('\r\n')}\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, address);
    const chunks: Buffer[] = [];
    let settle: NodeJS.Timeout | undefined;
    const hard = setTimeout(() => socket.destroy(), 3000);
    const finish = (): void => {
      clearTimeout(hard);
      clearTimeout(settle);
      const buffer = Buffer.concat(chunks);
      const raw = buffer.toString('latin1');
      const headEnd = raw.indexOf('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0),
        raw,
        afterHead: headEnd < 0 ? 0 : buffer.length - (headEnd + 4),
      });
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!settle && Buffer.concat(chunks).includes('\r\n\r\n')) {
        settle = setTimeout(() => socket.destroy(), settleMs);
      }
    });
    socket.on('error', reject);
    socket.on('close', finish);
    socket.write(request);
  });
}

/** The WebSocket request target for `token` and `doc` (either left out when `null`). */
export function wsTarget(token: string | null, doc: string | null = 'index'): string {
  const parts: string[] = [];
  if (token !== null) parts.push(`token=${encodeURIComponent(token)}`);
  if (doc !== null) parts.push(`doc=${encodeURIComponent(doc)}`);
  return parts.length ? `${WS_PATH}?${parts.join('&')}` : WS_PATH;
}

/**
 * One client-to-server WebSocket frame, masked as RFC 6455 requires. `declaredLength` lets a
 * test lie about the payload size (e.g. announce 2^53 bytes and send none).
 */
export function wsFrame(opcode: number, payload: Buffer | string, fin = true, declaredLength?: number): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const length = declaredLength ?? data.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | length]);
  } else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt8((fin ? 0x80 : 0) | opcode, 0);
    header.writeUInt8(0x80 | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8((fin ? 0x80 : 0) | opcode, 0);
    header.writeUInt8(0x80 | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(data.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}

/** An accepted raw WebSocket: write frames with {@link wsFrame}, read what the server sends. */
export interface RawWebSocket {
  write(bytes: Buffer): void;
  /** Bytes received after the 101 head. */
  received(): Buffer;
  /** Close code of the first close frame the server sent, if any. */
  closeCode(): number | undefined;
  /** Resolves when the TCP connection closed. */
  closed: Promise<void>;
  /** Stops reading from the socket (a frozen tab): the kernel buffers fill, then the server's. */
  pause(): void;
  /** Reads again. */
  resume(): void;
  destroy(): void;
}

/** Opens a WebSocket over a raw socket with the right Origin and `token`; rejects unless 101. */
export function openRawWebSocket(port: number, token: string, doc = 'index'): Promise<RawWebSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let headEnd = -1;
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (headEnd >= 0) return;
      headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(buffer.toString('latin1'))?.[1] ?? 0);
      if (status !== 101) {
        reject(new Error(`upgrade answered ${status}`));
        socket.destroy();
        return;
      }
      resolve({
        write: (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        },
        received: () => buffer.subarray(headEnd + 4),
        closeCode: () => closeCodeIn(buffer.subarray(headEnd + 4)),
        closed,
        pause: () => socket.pause(),
        resume: () => socket.resume(),
        destroy: () => socket.destroy(),
      });
    });
    socket.write(
      `GET ${wsTarget(token, doc)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n` +
        `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${WS_KEY}\r\n\r\n`,
    );
  });
}

/** Walks unmasked server frames and returns the code of the first close frame. */
function closeCodeIn(bytes: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 0x8) return length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return undefined;
}
