/** Shared helpers for the server tests: real sockets only, polling instead of sleeping. */
import { WebSocket } from 'ws';
import type { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { parseServerMessage, type ServerMessage, WS_PATH } from '../../src/shared/protocol.js';
import { poll } from '../helpers/poll.js';

/** Resolves like `promise`, or rejects after `timeoutMs` so a broken feature fails instead of hanging. */
export function within<T>(promise: Promise<T>, what: string, timeoutMs = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A `ws` client that records every frame it receives. */
export interface TestClient {
  socket: WebSocket;
  /** Raw text frames, in order. */
  frames: string[];
  /** Parsed frames, in order. */
  messages(): ServerMessage[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  /** Waits for a message matching `predicate` and returns it. */
  waitFor(predicate: (message: ServerMessage) => boolean, what: string, timeoutMs?: number): Promise<ServerMessage>;
}

/** Options of {@link connectClient}. */
export interface ConnectOptions {
  doc?: string;
  origin?: string | null;
  token?: string | null;
  autoPong?: boolean;
  /** Extra query parameters, e.g. `dashboard=1`. */
  query?: string;
}

/** Opens a WebSocket like the browser client would (right Origin and token unless overridden). */
export function connectClient(server: LivePreviewServer, options: ConnectOptions = {}): Promise<TestClient> {
  const doc = options.doc ?? 'index';
  const hostPort = `127.0.0.1:${server.port}`;
  const token = options.token === undefined ? server.token : options.token;
  const query = `${token === null ? '' : `token=${encodeURIComponent(token)}&`}doc=${encodeURIComponent(doc)}${
    options.query ? `&${options.query}` : ''
  }`;
  const origin = options.origin === undefined ? `http://${hostPort}` : options.origin;
  const socket = new WebSocket(`ws://${hostPort}${WS_PATH}?${query}`, {
    ...(origin === null ? {} : { origin }),
    autoPong: options.autoPong ?? true,
  });
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(data.toString()));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  const parsed: ServerMessage[] = [];
  let parsedFrames = 0;
  const messages = (): ServerMessage[] => {
    for (; parsedFrames < frames.length; parsedFrames += 1) {
      const message = parseServerMessage(frames[parsedFrames] ?? '');
      if (message) parsed.push(message);
    }
    return parsed;
  };
  const client: TestClient = {
    socket,
    frames,
    messages,
    closed,
    waitFor: (predicate, what, timeout) => poll(() => messages().find(predicate), { message: what, timeout }),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

/** `html` without the implicit keys the server adds to what it serves (`data-sop-key`). */
export const withoutKeys = (html: string): string => html.replace(/ data-sop-key="[^"]*"/g, '');
