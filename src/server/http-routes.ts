/**
 * The HTTP side of the preview server: host and token checks, then the push API, the client
 * script, the status JSON, the dashboard, the documents and finally static files.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  CLIENT_PATH,
  DASHBOARD_PATH,
  DEFAULT_DOC,
  PUSH_PATH,
  RESERVED_PREFIX,
  STATUS_PATH,
} from '../shared/protocol.js';
import type { ContentStore } from './content-store.js';
import { dashboardHtml } from './dashboard-page.js';
import { isHostAllowed, parseHostHeader } from './host-check.js';
import { injectClient } from './inject-client.js';
import { checkLanToken } from './lan-auth.js';
import { abbreviate } from './log-abbreviate.js';
import type { ResolvedServerOptions } from './options.js';
import { handlePush } from './push-handler.js';
import { lookupStaticFile, sendStaticFile } from './static-files.js';
import { handleStatus, type ServerStats } from './status-handler.js';

// The bundle sits two levels up from both `src/server` (run through tsx) and `dist/server`.
const CLIENT_BUNDLE = fileURLToPath(new URL('../../dist/client.js', import.meta.url));

/** What the router reads from the running server. */
export interface HttpRouteContext {
  /** The resolved server options. */
  readonly options: ResolvedServerOptions;
  /** The documents served at `/` and `/<doc>`. */
  readonly store: ContentStore;
  /** Normalised names the Host header may carry (DNS-rebinding protection). */
  readonly allowedHosts: ReadonlySet<string>;
  /** The static root with symlinks resolved, so lookups can refuse anything outside it. */
  readonly realRoot: string;
  /** The current stats snapshot, for the status route. */
  stats(): ServerStats;
  /** Stores pushed HTML as `doc` and returns its new version. */
  apply(doc: string, html: string): number;
}

/** Answers one HTTP request; never throws, and answers every request it is given. */
export function handleRequest(ctx: HttpRouteContext, req: IncomingMessage, res: ServerResponse): void {
  const { options } = ctx;
  req.on('error', () => res.destroy());
  res.on('error', () => undefined);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const raw = req.url ?? '';
  if (!raw.startsWith('/') || !parseHostHeader(req.headers.host)) {
    sendText(res, 400, 'Bad request.');
    return;
  }
  if (!isHostAllowed(req.headers.host, ctx.allowedHosts)) {
    sendText(res, 403, 'Host not allowed; add it to allowedHosts to use this name.');
    return;
  }
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  // The query is left out of the log: in LAN mode it carries the token.
  options.log?.(`http ${req.method} ${abbreviate(rawPath)}`);
  if (rawPath === PUSH_PATH && options.push) {
    handlePush(req, res, query, {
      token: options.token,
      bodyLimit: options.pushBodyLimit,
      timeoutMs: options.pushTimeoutMs,
      apply: (doc, html) => ctx.apply(doc, html),
    });
    return;
  }
  if (options.requireToken && !checkLanToken(req, res, rawPath, query, options.token)) return;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    sendText(res, 400, 'Bad percent-encoding in the path.');
    return;
  }
  if (path !== CLIENT_PATH && path !== STATUS_PATH && path !== DASHBOARD_PATH && path.startsWith(RESERVED_PREFIX)) {
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    if (!(readOnly && options.extension?.handleRequest(req, res, path, query))) sendText(res, 404, 'Not found.');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed.');
    return;
  }
  const headOnly = req.method === 'HEAD';
  if (path === CLIENT_PATH) {
    void sendClient(res, headOnly);
    return;
  }
  if (path === STATUS_PATH) {
    handleStatus(res, ctx.stats());
    return;
  }
  if (path === DASHBOARD_PATH) {
    const page = dashboardHtml(options.token);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(page),
      'Cache-Control': 'no-store',
    });
    res.end(headOnly ? undefined : page);
    return;
  }
  const doc = path === '/' ? DEFAULT_DOC : path.slice(1);
  if (ctx.store.get(doc)) {
    sendDocument(ctx, res, doc, headOnly);
    return;
  }
  void lookupStaticFile(rawPath, ctx.realRoot).then(
    (found) => {
      if (found.status === 200) sendStaticFile(res, found.file, found.size, headOnly);
      else sendText(res, found.status, found.status === 400 ? 'Bad request.' : 'Not found.');
    },
    () => sendText(res, 500, 'Could not read the file.'),
  );
}

function sendDocument(ctx: HttpRouteContext, res: ServerResponse, doc: string, headOnly: boolean): void {
  const stored = ctx.store.get(doc);
  if (!stored) return;
  const body = injectClient(stored.html, {
    token: ctx.options.token,
    doc,
    version: stored.version,
    mode: ctx.options.mode,
    ...ctx.options.client,
  });
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : body);
}

async function sendClient(res: ServerResponse, headOnly: boolean): Promise<void> {
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

// Once headers went out the response is already decided; a late failure must not write twice.
function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
