/**
 * The preview server: one port for the documents, the client script, the WebSocket, the push API
 * and static assets. See the project design, sections 3, 4 and 8.
 */
import { EventEmitter } from 'node:events';
import { readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv6, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import {
  CLIENT_MAX_PAYLOAD,
  CLIENT_PATH,
  CLOSE_GOING_AWAY,
  DASHBOARD_PATH,
  DEFAULT_DOC,
  type PreviewErrorPayload,
  PUSH_PATH,
  parseClientMessage,
  RESERVED_PREFIX,
  type ServerMessage,
  STATUS_PATH,
  WS_PATH,
} from '../shared/protocol.js';
import { diffBlockTrees } from './block-diff.js';
import type { parseBlockTree } from './block-tree.js';
import { updateBlockTree } from './block-tree-update.js';
import { assertDocName, ContentStore, MAX_DOC_NAME } from './content-store.js';
import { DASHBOARD_INTERVAL_MS, DASHBOARD_QUERY, DASHBOARD_THROTTLE_MS, dashboardHtml } from './dashboard-page.js';
import { isHostAllowed, normalizeAllowedHost, parseHostHeader } from './host-check.js';
import { injectClient } from './inject-client.js';
import { checkLanToken } from './lan-auth.js';
import { listenWithSearch } from './listen.js';
import { MetricsRecorder } from './metrics.js';
import { MetricsFeed } from './metrics-feed.js';
import {
  isLoopbackBindHost,
  type LivePreviewServerOptions,
  type ResolvedServerOptions,
  resolveOptions,
} from './options.js';
import { isSameOrigin } from './origin-check.js';
import { handlePush } from './push-handler.js';
import { lookupStaticFile, sendStaticFile } from './static-files.js';
import { type ClientStats, handleStatus, type ServerStats } from './status-handler.js';
import { tokenMatches } from './token.js';
import { type HubClient, WsHub } from './ws-hub.js';

/** Events of {@link LivePreviewServer} and their payloads. */
export interface LivePreviewServerEvents {
  /** A browser connected its WebSocket. */
  'client-connected': [{ id: number; doc: string }];
  /** A browser's WebSocket closed; `code` is the close code. */
  'client-disconnected': [{ id: number; doc: string; code: number }];
  /** A change was broadcast; `bytes` is the size of the frame sent to each client. */
  update: [{ doc: string; version: number; bytes: number; kind: 'patch' | 'update' | 'reload' }];
  /** A client reported applying `version` in `ms`. */
  applied: [{ doc: string; version: number; ms: number }];
  /** An unexpected server-side failure (never thrown: only emitted when someone listens). */
  error: [Error];
}

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

// The bundle sits two levels up from both `src/server` (run through tsx) and `dist/server`.
const CLIENT_BUNDLE = fileURLToPath(new URL('../../dist/client.js', import.meta.url));
/** Headers of the responses written straight to a socket (refused upgrades, unparsable requests). */
const RAW_HEADERS = 'Connection: close\r\nContent-Length: 0\r\nX-Content-Type-Options: nosniff\r\n';
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
  private readonly counters = {
    in: 0,
    out: 0,
    ignored: 0,
    refusedUpgrades: 0,
    reconnects: 0,
    patch: 0,
    update: 0,
    reload: 0,
  };
  private readonly updateFrames = new Map<string, { version: number; frame: string }>();
  private server: Server | null = null;
  private wss: WebSocketServer | null = null;
  private hub: WsHub | null = null;
  private realRoot = '';
  private allowedHosts = new Set<string>();
  private boundPort = 0;
  private startedAt = 0;
  private stopping: Promise<void> | null = null;
  private readonly dashboards = new MetricsFeed(() => this.stats(), {
    tickMs: DASHBOARD_INTERVAL_MS,
    throttleMs: DASHBOARD_THROTTLE_MS,
  });

  /** @param options - see {@link LivePreviewServerOptions}; all optional */
  constructor(options: LivePreviewServerOptions = {}) {
    super();
    this.options = resolveOptions(options);
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
    const host = this.options.host;
    let shown = host;
    if (host === '0.0.0.0') shown = '127.0.0.1';
    else if (host === '::') shown = '[::1]';
    else if (isIPv6(host)) shown = `[${host}]`;
    return `http://${shown}:${this.port}/`;
  }

  /**
   * URLs other devices can open when the server listens beyond loopback, each with the token
   * (LAN mode); empty in loopback mode.
   */
  networkUrls(): string[] {
    if (isLoopbackBindHost(this.options.host)) return [];
    const wildcard = this.options.host === '0.0.0.0' || this.options.host === '::';
    const addresses = wildcard
      ? this.interfaceAddresses().filter((address) => !isLoopbackBindHost(address))
      : [this.options.host];
    const token = encodeURIComponent(this.options.token);
    return addresses.map((address) => {
      const shown = isIPv6(address) ? `[${address}]` : address;
      return `http://${shown}:${this.port}/?token=${token}`;
    });
  }

  /**
   * Binds the port and starts serving.
   * @throws PreviewError `PREVIEW_ERR_PORT_IN_USE` (strictPort), `PREVIEW_ERR_NO_FREE_PORT`,
   * `PREVIEW_ERR_PERMISSION`, or `PREVIEW_ERR_STATE` when already running
   */
  async start(): Promise<void> {
    if (this.server || this.stopping) {
      throw new PreviewError(PreviewErrorCode.State, 'The preview server is already running; call stop() first.');
    }
    try {
      this.realRoot = await realpath(this.options.root);
    } catch (error) {
      throw new TypeError(`LivePreviewServer option "root" must be an existing folder: ${this.options.root}`, {
        cause: error,
      });
    }
    this.allowedHosts = this.buildAllowedHosts();
    // Requests without Host are refused by handleRequest itself, with the same headers as others.
    const server = createServer({ requireHostHeader: false }, (req, res) => this.handleRequest(req, res));
    const wss = new WebSocketServer({ noServer: true, maxPayload: CLIENT_MAX_PAYLOAD, clientTracking: false });
    const hub = new WsHub(this.options.maxBufferedBytes, this.options.heartbeatMs, {
      snapshot: (doc) => this.updateFrame(doc),
      sent: (client, frame) => {
        this.counters.out += 1;
        this.options.log?.(`-> #${client.id} ${client.doc} ${abbreviate(frame)}`);
      },
    });
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.handleUpgrade(req, socket, head));
    // Malformed requests never reach the handler; answer 400 instead of Node's default crash-free
    // but silent teardown, and never let a socket error escape.
    server.on('clientError', (_error: Error, socket: Socket) => {
      if (socket.writable) socket.end(`HTTP/1.1 400 Bad Request\r\n${RAW_HEADERS}\r\n`);
      else socket.destroy();
    });
    await listenWithSearch(server, this.options.port, this.options.host, this.options.strictPort);
    const address = server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.options.port;
    server.on('error', (error: Error) => this.reportError(error));
    this.server = server;
    this.wss = wss;
    this.hub = hub;
    this.startedAt = Date.now();
    hub.start();
  }

  /** Closes every WebSocket with 1001, clears timers and frees the port. Safe to call twice. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const server = this.server;
    if (!server) return Promise.resolve();
    const hub = this.hub;
    const wss = this.wss;
    this.stopping = (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([
        hub?.closeAll(CLOSE_GOING_AWAY, 'server stopping', CLOSE_GRACE_MS),
        this.dashboards.closeAll(CLOSE_GOING_AWAY, 'server stopping', CLOSE_GRACE_MS),
      ]);
      server.closeAllConnections();
      wss?.close();
      await closed;
    })().finally(() => {
      this.server = null;
      this.wss = null;
      this.hub = null;
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
    if (change.changed) this.broadcastChange(doc, change.doc.html, version, change.previous);
    if (hadError) this.hub?.broadcastControl(doc, JSON.stringify({ type: 'error-cleared' } satisfies ServerMessage));
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
      this.hub?.broadcastControl(doc, JSON.stringify(message));
    } else if (had) {
      this.hub?.broadcastControl(doc, JSON.stringify({ type: 'error-cleared' } satisfies ServerMessage));
    }
    this.dashboards.nudge();
  }

  /** Forgets a document; its URL then falls through to static files. */
  removeDocument(doc: string): void {
    this.store.delete(doc);
    this.updateFrames.delete(doc);
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
    const byDoc = this.hub?.countsByDoc() ?? {};
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
    for (const client of this.hub?.all() ?? []) {
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
    const c = this.counters;
    return {
      uptimeMs: this.startedAt ? Date.now() - this.startedAt : 0,
      port: this.port,
      mode: this.options.mode,
      clients: { total: this.hub?.size() ?? 0, stale: this.hub?.staleCount() ?? 0, byDoc, list },
      documents,
      messages: { in: c.in, out: c.out, ignored: c.ignored },
      refusedUpgrades: c.refusedUpgrades,
      reconnects: c.reconnects,
      updates: { patch: c.patch, update: c.update, reload: c.reload },
      appliedLatency: this.metrics.appliedLatency(),
      appliedHistogram: this.metrics.appliedHistogram(),
      recentUpdates: this.metrics.recentUpdates(),
    };
  }

  private broadcastChange(
    doc: string,
    html: string,
    version: number,
    previous: { version: number; html: string; tree: ReturnType<typeof parseBlockTree> } | null,
  ): void {
    let kind: 'patch' | 'update' | 'reload' = 'update';
    let frame: string | undefined;
    const stored = this.store.get(doc);
    if (this.options.mode === 'reload') kind = 'reload';
    else if (previous && stored) {
      const tree = updateBlockTree(previous.tree, html);
      stored.tree = tree;
      const diff = diffBlockTrees(previous.tree, tree);
      if (diff.kind === 'reload') kind = 'reload';
      else if (diff.kind === 'patch') {
        const message: ServerMessage = { type: 'patch', version, base: previous.version, ops: diff.ops };
        if (diff.head !== undefined) message.head = diff.head;
        const patchFrame = JSON.stringify(message);
        // The raw HTML length is a lower bound of the update frame: cheaper than serialising it.
        if (patchFrame.length < html.length) {
          kind = 'patch';
          frame = patchFrame;
        }
      } else this.options.log?.(`${doc} v${version}: full update (${diff.reason})`);
    }
    if (kind === 'reload') frame = JSON.stringify({ type: 'reload', version } satisfies ServerMessage);
    else if (kind === 'update') frame = this.updateFrame(doc);
    if (frame === undefined) return;
    this.counters[kind] += 1;
    const clients = (kind === 'reload' ? this.hub?.broadcastControl(doc, frame) : this.hub?.broadcast(doc, frame)) ?? 0;
    const bytes = Buffer.byteLength(frame);
    this.metrics.recordBroadcast({ doc, version, kind, bytes, clients });
    this.dashboards.nudge();
    this.emit('update', { doc, version, bytes, kind });
  }

  /** The serialised full `update` of the current version of `doc`, cached per version. */
  private updateFrame(doc: string): string | undefined {
    const stored = this.store.get(doc);
    if (!stored) return undefined;
    const cached = this.updateFrames.get(doc);
    if (cached && cached.version === stored.version) return cached.frame;
    const frame = JSON.stringify({
      type: 'update',
      version: stored.version,
      html: stored.html,
    } satisfies ServerMessage);
    this.updateFrames.set(doc, { version: stored.version, frame });
    return frame;
  }

  private buildAllowedHosts(): Set<string> {
    const hosts = new Set<string>(this.options.allowedHosts.map(normalizeAllowedHost));
    hosts.add(normalizeAllowedHost(this.options.host));
    if (!isLoopbackBindHost(this.options.host)) {
      for (const address of this.interfaceAddresses()) hosts.add(address.toLowerCase());
    }
    return hosts;
  }

  private interfaceAddresses(): string[] {
    return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => info.address));
  }

  private reportError(error: Error): void {
    this.options.log?.(`error: ${error.message}`);
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private handleRequest(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => res.destroy());
    res.on('error', () => undefined);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const raw = req.url ?? '';
    if (!raw.startsWith('/') || !parseHostHeader(req.headers.host)) {
      sendText(res, 400, 'Bad request.');
      return;
    }
    if (!isHostAllowed(req.headers.host, this.allowedHosts)) {
      sendText(res, 403, 'Host not allowed; add it to allowedHosts to use this name.');
      return;
    }
    const queryAt = raw.indexOf('?');
    const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    // The query is left out of the log: in LAN mode it carries the token.
    this.options.log?.(`http ${req.method} ${abbreviate(rawPath)}`);
    if (rawPath === PUSH_PATH && this.options.push) {
      handlePush(req, res, query, {
        token: this.options.token,
        bodyLimit: this.options.pushBodyLimit,
        timeoutMs: this.options.pushTimeoutMs,
        apply: (doc, html) => this.updateContent(html, { doc }).version,
      });
      return;
    }
    if (this.options.requireToken && !checkLanToken(req, res, rawPath, query, this.options.token)) return;
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      sendText(res, 400, 'Bad percent-encoding in the path.');
      return;
    }
    if (path !== CLIENT_PATH && path !== STATUS_PATH && path !== DASHBOARD_PATH && path.startsWith(RESERVED_PREFIX)) {
      sendText(res, 404, 'Not found.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    const headOnly = req.method === 'HEAD';
    if (path === CLIENT_PATH) {
      void this.sendClient(res, headOnly);
      return;
    }
    if (path === STATUS_PATH) {
      handleStatus(res, this.stats());
      return;
    }
    if (path === DASHBOARD_PATH) {
      const page = dashboardHtml(this.options.token);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(page),
        'Cache-Control': 'no-store',
      });
      res.end(headOnly ? undefined : page);
      return;
    }
    const doc = path === '/' ? DEFAULT_DOC : path.slice(1);
    if (this.store.get(doc)) {
      this.sendDocument(res, doc, headOnly);
      return;
    }
    void lookupStaticFile(rawPath, this.realRoot).then(
      (found) => {
        if (found.status === 200) sendStaticFile(res, found.file, found.size, headOnly);
        else sendText(res, found.status, found.status === 400 ? 'Bad request.' : 'Not found.');
      },
      () => sendText(res, 500, 'Could not read the file.'),
    );
  }

  private sendDocument(res: ServerResponse, doc: string, headOnly: boolean): void {
    const stored = this.store.get(doc);
    if (!stored) return;
    const body = injectClient(stored.html, {
      token: this.options.token,
      doc,
      version: stored.version,
      mode: this.options.mode,
      ...this.options.client,
    });
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(headOnly ? undefined : body);
  }

  private async sendClient(res: ServerResponse, headOnly: boolean): Promise<void> {
    let script: Buffer;
    try {
      script = await readFile(CLIENT_BUNDLE);
    } catch {
      sendText(res, 500, 'The browser client is not built: run npm run build.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': script.length,
      'Cache-Control': 'no-cache',
    });
    res.end(headOnly ? undefined : script);
  }

  private handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const raw = req.url ?? '';
    const queryAt = raw.indexOf('?');
    const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    const doc = query.get('doc') ?? DEFAULT_DOC;
    const wss = this.wss;
    let refusal: [number, string] | null = null;
    if (!wss || this.stopping) refusal = [503, 'Service Unavailable'];
    else if (path !== WS_PATH) refusal = [404, 'Not Found'];
    else if (!isHostAllowed(req.headers.host, this.allowedHosts)) refusal = [403, 'Forbidden'];
    // Checked before the handshake completes so a hostile page never gets an open socket.
    else if (!isSameOrigin(req.headers.origin, req.headers.host)) refusal = [403, 'Forbidden'];
    else if (!tokenMatches(query.get('token'), this.options.token)) refusal = [403, 'Forbidden'];
    else if (doc.length === 0 || doc.length > MAX_DOC_NAME) refusal = [400, 'Bad Request'];
    if (refusal || !wss) {
      this.counters.refusedUpgrades += 1;
      const [status, text] = refusal ?? [503, 'Service Unavailable'];
      this.options.log?.(`refused upgrade ${status} from ${req.headers.origin ?? 'no origin'}`);
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status} ${text}\r\n${RAW_HEADERS}\r\n`);
      return;
    }
    if (query.get(DASHBOARD_QUERY) === '1') wss.handleUpgrade(req, socket, head, (ws) => this.handleDashboard(ws));
    else wss.handleUpgrade(req, socket, head, (ws) => this.handleConnection(ws, doc));
  }

  private handleConnection(ws: WebSocket, doc: string): void {
    const hub = this.hub;
    if (!hub || this.stopping) {
      ws.close(CLOSE_GOING_AWAY);
      return;
    }
    const client = hub.add(ws, doc);
    ws.on('error', (error) => this.options.log?.(`#${client.id} socket error: ${error.message}`));
    ws.on('message', (data, isBinary) => this.handleMessage(hub, client, data.toString(), isBinary));
    ws.on('close', (code) => {
      hub.remove(client);
      this.dashboards.nudge();
      this.emit('client-disconnected', { id: client.id, doc, code });
    });
    this.dashboards.nudge();
    this.emit('client-connected', { id: client.id, doc });
    hub.send(client, { type: 'hello', version: this.store.version(doc), doc });
  }

  // Dashboards get a stats snapshot on connect, then every tick and soon after each change.
  private handleDashboard(ws: WebSocket): void {
    if (this.stopping || !this.server) {
      ws.close(CLOSE_GOING_AWAY);
      return;
    }
    this.dashboards.add(ws);
  }

  private handleMessage(hub: WsHub, client: HubClient, text: string, isBinary: boolean): void {
    this.counters.in += 1;
    client.alive = true;
    this.options.log?.(`<- #${client.id} ${client.doc} ${abbreviate(text)}`);
    const message = isBinary ? undefined : parseClientMessage(text);
    if (!message) {
      this.counters.ignored += 1;
      return;
    }
    if (message.type === 'applied') {
      client.lastApplied = { version: message.version, ms: message.ms };
      this.metrics.recordApplied(client.doc, message.version, message.ms, this.store.get(client.doc) !== undefined);
      this.dashboards.nudge();
      this.emit('applied', { doc: client.doc, version: message.version, ms: message.ms });
      return;
    }
    if (message.lastVersion > 0) this.counters.reconnects += 1;
    const current = this.store.get(client.doc);
    if (current && message.lastVersion !== current.version) {
      const frame = this.updateFrame(client.doc);
      if (frame) hub.send(client, frame);
      hub.markFresh(client);
    }
    const error = this.store.error(client.doc);
    if (error) hub.send(client, { type: 'error', version: this.store.version(client.doc), error });
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function abbreviate(frame: string): string {
  return frame.length > 160 ? `${frame.slice(0, 160)}… (${frame.length} chars)` : frame;
}
