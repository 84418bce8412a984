/**
 * The gate in front of the WebSocket: the upgrade checks (path, Host, Origin, token, document
 * name) with raw refusals, so a hostile page never gets an open socket, then the hand-over of the
 * accepted socket to a viewer, a dashboard or a server extension (the editor).
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { CLOSE_GOING_AWAY, DASHBOARD_QUERY, DEFAULT_DOC, WS_PATH } from '../../shared/protocol.js';
import { MAX_DOC_NAME } from '../content-store.js';
import { rawResponse } from '../http/raw-response.js';
import type { MetricsRecorder } from '../metrics/metrics.js';
import type { ResolvedServerOptions } from '../options.js';
import { isHostAllowed } from '../security/host-check.js';
import { isSameOrigin } from '../security/origin-check.js';
import { tokenMatches } from '../security/token.js';

/** What the gate checks against, and where accepted sockets go. */
export interface UpgradeGate {
  /** The token to require, and the log. */
  readonly options: Pick<ResolvedServerOptions, 'token' | 'log' | 'extension'>;
  /** Normalised names the Host header may carry (DNS-rebinding protection). */
  readonly allowedHosts: ReadonlySet<string>;
  /** Counts the refusals. */
  readonly metrics: MetricsRecorder;
  /**
   * The socket server while the preview server accepts connections, else `null`: upgrades racing
   * `stop()` must be refused, not handed to sockets that are being closed.
   */
  accepting(): WebSocketServer | null;
  /** Takes an accepted viewer socket. */
  viewer(ws: WebSocket, doc: string): void;
  /** Takes an accepted dashboard socket. */
  dashboard(ws: WebSocket): void;
}

/** Handles an HTTP upgrade: refuses it on the raw socket, or hands it to a viewer or dashboard. */
export function handleUpgrade(gate: UpgradeGate, req: IncomingMessage, socket: Socket, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  const raw = req.url ?? '';
  const queryAt = raw.indexOf('?');
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  const doc = query.get('doc') ?? DEFAULT_DOC;
  const wss = gate.accepting();
  let refusal: [number, string] | null = null;
  if (!wss) refusal = [503, 'Service Unavailable'];
  else if (path !== WS_PATH) refusal = [404, 'Not Found'];
  else if (!isHostAllowed(req.headers.host, gate.allowedHosts)) refusal = [403, 'Forbidden'];
  // Checked before the handshake completes so a hostile page never gets an open socket.
  else if (!isSameOrigin(req.headers.origin, req.headers.host)) refusal = [403, 'Forbidden'];
  else if (!tokenMatches(query.get('token'), gate.options.token)) refusal = [403, 'Forbidden'];
  else if (doc.length === 0 || doc.length > MAX_DOC_NAME) refusal = [400, 'Bad Request'];
  if (refusal || !wss) {
    gate.metrics.recordRefusedUpgrade();
    const [status, text] = refusal ?? [503, 'Service Unavailable'];
    gate.options.log?.(`refused upgrade ${status} from ${req.headers.origin ?? 'no origin'}`);
    socket.once('finish', () => socket.destroy());
    socket.end(rawResponse(status, text));
    return;
  }
  // An extension (the editor) takes its own sockets, after the same checks as every other socket.
  const extension = gate.options.extension;
  if (extension && query.get(extension.socketQuery) === '1') {
    extension.handleUpgrade(req, socket, head, query);
    return;
  }
  const dashboard = query.get(DASHBOARD_QUERY) === '1';
  wss.handleUpgrade(req, socket, head, (ws) => {
    // The handshake is asynchronous: stop() may have begun in between.
    if (!gate.accepting()) ws.close(CLOSE_GOING_AWAY);
    else if (dashboard) gate.dashboard(ws);
    else gate.viewer(ws, doc);
  });
}
