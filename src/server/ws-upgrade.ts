/**
 * The WebSocket side of the preview server: the upgrade checks (Host, Origin, token) with raw
 * refusals, then viewer connections and their messages, and dashboard connections.
 */
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';
import { CLOSE_GOING_AWAY, DEFAULT_DOC, parseClientMessage, WS_PATH } from '../shared/protocol.js';
import { type ContentStore, MAX_DOC_NAME } from './content-store.js';
import { DASHBOARD_QUERY } from './dashboard-page.js';
import { isHostAllowed } from './host-check.js';
import { abbreviate } from './log-abbreviate.js';
import type { MetricsRecorder } from './metrics.js';
import type { MetricsFeed } from './metrics-feed.js';
import type { ResolvedServerOptions } from './options.js';
import { isSameOrigin } from './origin-check.js';
import { rawResponse } from './raw-response.js';
import type { LivePreviewServerEvents } from './server-events.js';
import { tokenMatches } from './token.js';
import type { UpdateFrameCache } from './update-frame-cache.js';
import type { HubClient, WsHub } from './ws-hub.js';

/** The message counters the WebSocket handlers keep up to date (shared with `stats()`). */
export interface WsCounters {
  in: number;
  ignored: number;
  refusedUpgrades: number;
  reconnects: number;
}

/** What the WebSocket handlers read from and report to the server. */
export interface WsContext {
  /** The resolved server options. */
  readonly options: ResolvedServerOptions;
  /** The documents viewers connect to. */
  readonly store: ContentStore;
  /** Where acknowledged latencies go. */
  readonly metrics: MetricsRecorder;
  /** Open dashboards, nudged on every connection change and ack. */
  readonly dashboards: MetricsFeed;
  /** Counters, mutated in place. */
  readonly counters: WsCounters;
  /** Full `update` frames for viewers that are behind. */
  readonly frames: UpdateFrameCache;
  /** Normalised names the Host header may carry (DNS-rebinding protection). */
  readonly allowedHosts: ReadonlySet<string>;
  /** Emits the connection and `applied` events. */
  readonly events: Pick<EventEmitter<LivePreviewServerEvents>, 'emit'>;
  /** The WebSocket server and hub while the server runs and is not stopping, else `null`. */
  running(): { wss: WebSocketServer; hub: WsHub } | null;
}

/** Handles an HTTP upgrade: refuses it on the raw socket, or hands it to a viewer or dashboard. */
export function handleUpgrade(ctx: WsContext, req: IncomingMessage, socket: Socket, head: Buffer): void {
  socket.on('error', () => socket.destroy());
  const raw = req.url ?? '';
  const queryAt = raw.indexOf('?');
  const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  const doc = query.get('doc') ?? DEFAULT_DOC;
  const wss = ctx.running()?.wss;
  let refusal: [number, string] | null = null;
  if (!wss) refusal = [503, 'Service Unavailable'];
  else if (path !== WS_PATH) refusal = [404, 'Not Found'];
  else if (!isHostAllowed(req.headers.host, ctx.allowedHosts)) refusal = [403, 'Forbidden'];
  // Checked before the handshake completes so a hostile page never gets an open socket.
  else if (!isSameOrigin(req.headers.origin, req.headers.host)) refusal = [403, 'Forbidden'];
  else if (!tokenMatches(query.get('token'), ctx.options.token)) refusal = [403, 'Forbidden'];
  else if (doc.length === 0 || doc.length > MAX_DOC_NAME) refusal = [400, 'Bad Request'];
  if (refusal || !wss) {
    ctx.counters.refusedUpgrades += 1;
    const [status, text] = refusal ?? [503, 'Service Unavailable'];
    ctx.options.log?.(`refused upgrade ${status} from ${req.headers.origin ?? 'no origin'}`);
    socket.once('finish', () => socket.destroy());
    socket.end(rawResponse(status, text));
    return;
  }
  const extension = ctx.options.extension;
  if (extension && query.get(extension.socketQuery) === '1') extension.handleUpgrade(req, socket, head, query);
  else if (query.get(DASHBOARD_QUERY) === '1') wss.handleUpgrade(req, socket, head, (ws) => handleDashboard(ctx, ws));
  else wss.handleUpgrade(req, socket, head, (ws) => handleConnection(ctx, ws, doc));
}

function handleConnection(ctx: WsContext, ws: WebSocket, doc: string): void {
  const hub = ctx.running()?.hub;
  if (!hub) {
    ws.close(CLOSE_GOING_AWAY);
    return;
  }
  const client = hub.add(ws, doc);
  ws.on('error', (error) => ctx.options.log?.(`#${client.id} socket error: ${error.message}`));
  ws.on('message', (data, isBinary) => handleMessage(ctx, hub, client, data.toString(), isBinary));
  ws.on('close', (code) => {
    hub.remove(client);
    ctx.dashboards.nudge();
    ctx.events.emit('client-disconnected', { id: client.id, doc, code });
  });
  ctx.dashboards.nudge();
  ctx.events.emit('client-connected', { id: client.id, doc });
  hub.send(client, { type: 'hello', version: ctx.store.version(doc), doc });
}

// Dashboards get a stats snapshot on connect, then every tick and soon after each change.
function handleDashboard(ctx: WsContext, ws: WebSocket): void {
  if (!ctx.running()) {
    ws.close(CLOSE_GOING_AWAY);
    return;
  }
  ctx.dashboards.add(ws);
}

function handleMessage(ctx: WsContext, hub: WsHub, client: HubClient, text: string, isBinary: boolean): void {
  const { counters, store } = ctx;
  counters.in += 1;
  client.alive = true;
  ctx.options.log?.(`<- #${client.id} ${client.doc} ${abbreviate(text)}`);
  const message = isBinary ? undefined : parseClientMessage(text);
  if (!message) {
    counters.ignored += 1;
    return;
  }
  if (message.type === 'applied') {
    client.lastApplied = { version: message.version, ms: message.ms };
    ctx.metrics.recordApplied(client.doc, message.version, message.ms, store.get(client.doc) !== undefined);
    ctx.dashboards.nudge();
    ctx.events.emit('applied', { doc: client.doc, version: message.version, ms: message.ms });
    return;
  }
  if (message.lastVersion > 0) counters.reconnects += 1;
  const current = store.get(client.doc);
  if (current && message.lastVersion !== current.version) {
    const frame = ctx.frames.frame(client.doc);
    if (frame) hub.send(client, frame);
    hub.markFresh(client);
  }
  const error = store.error(client.doc);
  if (error) hub.send(client, { type: 'error', version: store.version(client.doc), error });
}
