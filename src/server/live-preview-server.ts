/**
 * The preview server: one port for the documents, the client script, the WebSocket, the push API
 * and static assets. See the project design, sections 3, 4 and 8. Routing, the WebSocket side and
 * the choice of frame per change live in their own files; this class owns the state and lifecycle.
 */
import { EventEmitter } from 'node:events';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { requirePackageFiles } from '../package-files.js';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import {
  CLIENT_MAX_PAYLOAD,
  CLOSE_GOING_AWAY,
  DEFAULT_DOC,
  type PreviewErrorPayload,
  type ServerMessage,
} from '../shared/protocol.js';
import type { ClientStats, ServerStats } from '../shared/server-stats.js';
import { assertDocName, ContentStore, type StoreChange } from './content-store.js';
import { buildChangeFrame } from './diff/change-frame.js';
import { UpdateFrameCache } from './diff/update-frame-cache.js';
import { DASHBOARD_INTERVAL_MS, DASHBOARD_THROTTLE_MS } from './http/dashboard-page.js';
import { type HttpRouteContext, handleRequest, SERVED_BUNDLES } from './http/http-routes.js';
import { rawResponse } from './http/raw-response.js';
import { listenWithSearch } from './listen.js';
import { abbreviate } from './log-abbreviate.js';
import { MetricsRecorder } from './metrics/metrics.js';
import { MetricsFeed } from './metrics/metrics-feed.js';
import { type LivePreviewServerOptions, type ResolvedServerOptions, resolveOptions } from './options.js';
import { buildAllowedHosts, localUrl, networkUrls } from './server-addresses.js';
import type { EmitServerEvent, ServerCore } from './server-core.js';
import type { LivePreviewServerEvents } from './server-events.js';
import { WsHub } from './ws/ws-hub.js';
import { handleUpgrade, type UpgradeGate } from './ws/ws-upgrade.js';
import { handleViewer } from './ws/ws-viewer.js';

export type { LivePreviewServerEvents } from './server-events.js';

/** Options of {@link LivePreviewServer.updateContent} and {@link LivePreviewServer.setError}. */
export interface DocumentOptions {
  /**
   * Document name; it is served at `/<doc>`.
   * @default 'index' (served at `/`)
   */
  doc?: string;
}

/** What {@link LivePreviewServer.updateContent} did. */
export interface UpdateResult {
  /** The document's version after the call. */
  version: number;
  /** `false` when the HTML was identical and nothing was sent. */
  changed: boolean;
}

/** How long `stop()` waits for browsers to acknowledge the close before cutting them off. */
const CLOSE_GRACE_MS = 1000;
/** Clients listed one by one in `stats()`; the counts still cover all of them. */
const MAX_LISTED_CLIENTS = 500;

/**
 * Serves live-updating documents to browsers.
 *
 * @example
 * ```ts
 * const server = new LivePreviewServer({ port: 0 });
 * await server.start();
 * server.updateContent('<html><body><h1 data-block="title">Hello</h1></body></html>');
 * console.log(server.url);
 * ```
 */
export class LivePreviewServer extends EventEmitter<LivePreviewServerEvents> {
  private readonly options: ResolvedServerOptions;
  private readonly store = new ContentStore();
  private readonly metrics = new MetricsRecorder();
  private readonly frames = new UpdateFrameCache(this.store);
  private readonly hub: WsHub;
  private readonly core: ServerCore;
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private boundPort = 0;
  private startedAt = 0;
  private stopping: Promise<void> | null = null;
  private readonly dashboards: MetricsFeed;

  /** @param options - see {@link LivePreviewServerOptions}; all optional */
  constructor(options: LivePreviewServerOptions = {}) {
    super();
    this.options = resolveOptions(options);
    this.dashboards = new MetricsFeed(() => this.stats(), {
      tickMs: DASHBOARD_INTERVAL_MS,
      throttleMs: DASHBOARD_THROTTLE_MS,
      heartbeatMs: this.options.heartbeatMs,
    });
    this.hub = new WsHub(this.options.maxBufferedBytes, this.options.heartbeatMs, {
      snapshot: (doc) => this.frames.frame(doc),
      sent: (client, frame) => {
        this.metrics.recordSent();
        this.options.log?.(`-> #${client.id} ${client.doc} ${abbreviate(frame)}`);
      },
    });
    this.core = {
      options: this.options,
      store: this.store,
      hub: this.hub,
      metrics: this.metrics,
      // Every public event is also something an open dashboard should show soon.
      emit: (event, ...args) => {
        this.dashboards.nudge();
        // EventEmitter's own typing cannot follow a generic event name through a spread.
        (this.emit as EmitServerEvent)(event, ...args);
      },
    };
    this.store.set(DEFAULT_DOC, this.options.initialHtml);
  }

  /** The port in use once started (the configured one before). */
  get port(): number {
    return this.server ? this.boundPort : this.options.port;
  }

  /** The bound address. */
  get host(): string {
    return this.options.host;
  }

  /** The per-run token (WebSocket, push API, LAN mode). */
  get token(): string {
    return this.options.token;
  }

  /** Local URL of the default document, e.g. `http://127.0.0.1:8080/`. */
  get url(): string {
    return localUrl(this.options.host, this.port);
  }

  /**
   * URLs other devices can open when the server listens beyond loopback, each with the token
   * (LAN mode); empty in loopback mode.
   */
  networkUrls(): string[] {
    return networkUrls(this.options.host, this.port, this.options.token);
  }

  /**
   * Binds the port and starts serving.
   * @throws PreviewError `PREVIEW_ERR_PORT_IN_USE` (strictPort), `PREVIEW_ERR_NO_FREE_PORT`,
   * `PREVIEW_ERR_PERMISSION`, `PREVIEW_ERR_STATE` when already running, or
   * `PREVIEW_ERR_MISSING_FILE` when the browser bundles are not there (a damaged install)
   */
  async start(): Promise<void> {
    if (this.server || this.stopping) {
      throw new PreviewError(PreviewErrorCode.State, 'The preview server is already running; call stop() first.');
    }
    requirePackageFiles(...SERVED_BUNDLES);
    let realRoot: string;
    try {
      realRoot = await realpath(this.options.root);
    } catch (error) {
      throw new TypeError(`LivePreviewServer option "root" must be an existing folder: ${this.options.root}`, {
        cause: error,
      });
    }
    const allowedHosts = buildAllowedHosts(this.options);
    const routes: HttpRouteContext = {
      options: this.options,
      store: this.store,
      allowedHosts,
      realRoot,
      stats: () => this.stats(),
      apply: (doc, html) => this.updateContent(html, { doc }).version,
      setError: (doc, error) => {
        this.setError(error, { doc });
        return this.store.version(doc);
      },
    };
    const gate: UpgradeGate = {
      options: this.options,
      allowedHosts,
      metrics: this.metrics,
      accepting: () => (this.server && !this.stopping ? this.wss : null),
      viewer: (ws, doc) => handleViewer(this.core, ws, doc),
      dashboard: (ws) => this.dashboards.add(ws),
    };
    // Requests without Host are refused by handleRequest itself, with the same headers as others.
    const server = createServer({ requireHostHeader: false }, (req, res) => handleRequest(routes, req, res));
    const wss = new WebSocketServer({ noServer: true, maxPayload: CLIENT_MAX_PAYLOAD, clientTracking: false });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      handleUpgrade(gate, req, socket, head),
    );
    // Malformed requests never reach the handler; answer 400 instead of Node's default crash-free
    // but silent teardown, and never let a socket error escape.
    server.on('clientError', (_error: Error, socket: Socket) => {
      if (socket.writable) socket.end(rawResponse(400, 'Bad Request'));
      else socket.destroy();
    });
    await listenWithSearch(server, this.options.port, this.options.host, this.options.strictPort);
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port;
    server.on('error', (error: Error) => this.reportError(error));
    this.server = server;
    this.wss = wss;
    this.startedAt = Date.now();
    this.hub.start();
  }

  /** Closes every WebSocket with 1001, clears timers and frees the port. Safe to call twice. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const server = this.server;
    if (!server) return Promise.resolve();
    const wss = this.wss;
    this.stopping = (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([
        this.hub.closeAll(CLOSE_GOING_AWAY, 'server stopping', CLOSE_GRACE_MS),
        this.dashboards.closeAll(CLOSE_GOING_AWAY, 'server stopping', CLOSE_GRACE_MS),
      ]);
      server.closeAllConnections();
      wss?.close();
      await closed;
    })().finally(() => {
      this.server = null;
      this.wss = null;
      this.startedAt = 0;
      this.stopping = null;
    });
    return this.stopping;
  }

  /**
   * Sets the HTML of a document and sends the change to its viewers: a patch of the changed
   * blocks when that is smaller, else the whole document, or a reload when head scripts changed.
   * A good render also clears the document's error.
   */
  updateContent(html: string, opts: DocumentOptions = {}): UpdateResult {
    if (typeof html !== 'string') throw new TypeError('updateContent(html): html must be a string.');
    const doc = opts.doc ?? DEFAULT_DOC;
    assertDocName(doc);
    const change = this.store.set(doc, html);
    const hadError = this.store.setError(doc, null);
    const { version } = change.doc;
    if (change.changed) this.broadcastChange(doc, version, change.previous);
    if (hadError) this.hub.broadcastControl(doc, JSON.stringify({ type: 'error-cleared' } satisfies ServerMessage));
    return { version, changed: change.changed };
  }

  /**
   * Shows (or with `null` clears) an error over a document; the last good render stays below.
   * Kept for clients that connect later.
   */
  setError(error: PreviewErrorPayload | null, opts: DocumentOptions = {}): void {
    const doc = opts.doc ?? DEFAULT_DOC;
    assertDocName(doc);
    if (error !== null && (typeof error?.code !== 'string' || typeof error.message !== 'string')) {
      throw new TypeError('setError(error): error needs string "code" and "message".');
    }
    const had = this.store.setError(doc, error);
    if (error) {
      this.metrics.recordError(doc);
      const message: ServerMessage = { type: 'error', version: this.store.version(doc), error };
      this.hub.broadcastControl(doc, JSON.stringify(message));
    } else if (had) {
      this.hub.broadcastControl(doc, JSON.stringify({ type: 'error-cleared' } satisfies ServerMessage));
    }
    this.dashboards.nudge();
  }

  /** Forgets a document; its URL then falls through to static files. */
  removeDocument(doc: string): void {
    this.store.delete(doc);
    this.frames.forget(doc);
    this.metrics.forget(doc);
  }

  /** Names of the documents with content. */
  documents(): string[] {
    return this.store.names();
  }

  /**
   * A snapshot of clients, documents, message counts, latencies, frame sizes and recent
   * broadcasts (see `ServerStats`). Contains no token and no client address.
   */
  stats(): ServerStats {
    const byDoc = this.hub.countsByDoc();
    const documents: ServerStats['documents'] = {};
    for (const name of this.store.names()) {
      const doc = this.store.get(name);
      if (!doc) continue;
      const error = this.store.error(name);
      const { errorCount, ...metrics } = this.metrics.document(name);
      documents[name] = {
        version: doc.version,
        bytes: doc.bytes,
        updates: doc.updates,
        clients: byDoc[name] ?? 0,
        hasError: error !== undefined,
        error: error ? { code: error.code, message: error.message } : null,
        errorCount,
        ...metrics,
      };
    }
    const list: ClientStats[] = [];
    for (const client of this.hub.all()) {
      if (list.length >= MAX_LISTED_CLIENTS) break;
      list.push({
        id: client.id,
        doc: client.doc,
        connectedAt: client.connectedAt,
        lastAppliedVersion: client.lastApplied?.version ?? null,
        lastLatencyMs: client.lastApplied?.ms ?? null,
        stale: client.stale,
      });
    }
    return {
      uptimeMs: this.startedAt ? Date.now() - this.startedAt : 0,
      port: this.port,
      mode: this.options.mode,
      clients: { total: this.hub.size(), stale: this.hub.staleCount(), byDoc, list },
      documents,
      ...this.metrics.counts(),
      appliedLatency: this.metrics.appliedLatency(),
      appliedHistogram: this.metrics.appliedHistogram(),
      recentUpdates: this.metrics.recentUpdates(),
    };
  }

  private broadcastChange(doc: string, version: number, previous: StoreChange['previous']): void {
    const change = buildChangeFrame({
      doc,
      version,
      previous,
      options: this.options,
      store: this.store,
      frames: this.frames,
    });
    if (!change) return;
    const { kind, frame } = change;
    const clients = kind === 'reload' ? this.hub.broadcastControl(doc, frame) : this.hub.broadcast(doc, frame);
    const bytes = Buffer.byteLength(frame);
    this.metrics.recordBroadcast({ doc, version, kind, bytes, clients });
    this.core.emit('update', { doc, version, bytes, kind });
  }

  private reportError(error: Error): void {
    this.options.log?.(`error: ${error.message}`);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
