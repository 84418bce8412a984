/**
 * The one registration point for features built on the preview server (the editor): extra pages
 * under the reserved prefix, and extra sockets that have already passed the Host, Origin and token
 * checks. The server keeps every security check; an extension only adds answers.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A feature that adds routes and sockets to a `LivePreviewServer`. */
export interface ServerExtension {
  /**
   * Offered every `GET`/`HEAD` under the reserved prefix that the server does not answer itself,
   * after the Host and (LAN mode) token checks. Returns `true` when it answered.
   */
  handleRequest(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): boolean;
  /** Query parameter (set to `1`) that routes a WebSocket upgrade to {@link handleUpgrade}. */
  readonly socketQuery: string;
  /** An upgrade carrying {@link socketQuery}, already checked for Host, Origin and token. */
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, query: URLSearchParams): void;
}
