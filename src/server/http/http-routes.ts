/**
 * The HTTP side of the preview server: host and token checks, then the push API, the client
 * script, the status JSON, the dashboard, the documents and finally static files.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { packageFile } from '../../package-files.js';
import {
  CLIENT_PATH,
  DASHBOARD_PATH,
  DASHBOARD_SCRIPT_PATH,
  DEFAULT_DOC,
  type PreviewErrorPayload,
  PUSH_ERROR_PATH,
  PUSH_PATH,
  RESERVED_PREFIX,
  SESSION_PATH,
  STATUS_PATH,
  THEME_CSS_PATH,
} from '../../shared/protocol.js';
import type { ServerStats } from '../../shared/server-stats.js';
import type { ContentStore } from '../content-store.js';
import { abbreviate } from '../log-abbreviate.js';
import type { ResolvedServerOptions } from '../options.js';
import { isHostAllowed, parseHostHeader } from '../security/host-check.js';
import { checkLanToken } from '../security/lan-auth.js';
import { dashboardHtml } from './dashboard-page.js';
import { injectClient } from './inject-client.js';
import { handlePush, handlePushError } from './push-handler.js';
import { sendText } from './reply.js';
import { handleSession } from './session-handler.js';
import { lookupStaticFile, sendStaticFile } from './static-files.js';
import { handleStatus } from './status-handler.js';
import { sendThemeCss } from './theme-css.js';

// The browser bundles, by the path they are served at, as package paths ({@link packageFile}).
const BUNDLE_FILES: ReadonlyMap<string, readonly string[]> = new Map([
  [CLIENT_PATH, ['dist', 'client.js']],
  [DASHBOARD_SCRIPT_PATH, ['dist', 'dashboard.js']],
]);
/** The browser bundles every server serves, which `start()` checks are installed. */
export const SERVED_BUNDLES: readonly (readonly string[])[] = [...BUNDLE_FILES.values()];
const BUNDLES: ReadonlyMap<string, string> = new Map(
  [...BUNDLE_FILES].map(([path, segments]) => [path, packageFile(...segments)]),
);
/** The reserved paths that are routes; every other path under the prefix is a 404. */
const OWN_ROUTES: ReadonlySet<string> = new Set([...BUNDLES.keys(), STATUS_PATH, DASHBOARD_PATH, THEME_CSS_PATH]);

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
  /** Shows (or with `null` clears) a pushed error over `doc` and returns its version. */
  setError(doc: string, error: PreviewErrorPayload | null): number;
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
  if (rawPath === PUSH_ERROR_PATH && options.push) {
    handlePushError(req, res, query, {
      token: options.token,
      bodyLimit: options.pushBodyLimit,
      timeoutMs: options.pushTimeoutMs,
      setError: (doc, error) => ctx.setError(doc, error),
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
  if (path === SESSION_PATH) {
    handleSession(req, res, options.token);
    return;
  }
  if (path.startsWith(RESERVED_PREFIX) && !OWN_ROUTES.has(path)) {
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
  const bundle = BUNDLES.get(path);
  if (bundle) {
    void sendBundle(res, bundle, headOnly);
    return;
  }
  if (path === STATUS_PATH) {
    handleStatus(res, ctx.stats());
    return;
  }
  if (path === THEME_CSS_PATH) {
    sendThemeCss(res, options.themes, query.get('name') ?? '', headOnly);
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
  const body = injectClient(ctx.store.served(doc) ?? stored.html, {
    token: ctx.options.token,
    doc,
    version: stored.version,
    mode: ctx.options.mode,
    ...ctx.options.client,
    themes: [...(ctx.options.themes?.names ?? [])],
  });
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : body);
}

async function sendBundle(res: ServerResponse, file: string, headOnly: boolean): Promise<void> {
  let script: Buffer;
  try {
    script = await readFile(file);
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
