/** Options of {@link LivePreviewServer}: what users write, and the resolved shape the code uses. */
import { isIPv6 } from 'node:net';
import type { ClientBootstrap } from '../shared/protocol.js';
import { isLoopbackHostname } from './security/host-check.js';
import { generateToken } from './security/token.js';
import type { ServerExtension } from './server-extension.js';

/** Stylesheets a reader may switch a page to, without a reload, from the badge's theme menu. */
export interface ThemeChoices {
  /** The names offered, in menu order (sent to the page, and the only names served). */
  readonly names: readonly string[];
  /** The standalone CSS of `name`, one of `names` (no imports or relative `url()`s left). */
  css(name: string): string;
}

/** Options for `new LivePreviewServer()`. Every field is optional. */
export interface LivePreviewServerOptions {
  /**
   * Port for HTTP and WebSocket; `0` lets the OS pick a free one.
   * @default 8080
   */
  port?: number;
  /**
   * Address to bind. Anything but a loopback address exposes the preview to the network and
   * turns on token checks for every HTTP request (LAN mode).
   * @default '127.0.0.1'
   * @example '0.0.0.0'
   */
  host?: string;
  /**
   * Fail when `port` is taken instead of trying the next 100 ports.
   * @default false
   */
  strictPort?: boolean;
  /**
   * Folder static assets (images, CSS) are served from.
   * @default process.cwd()
   */
  root?: string;
  /** Extra routes and sockets (the editor of `sop-preview edit`); see `ServerExtension`. */
  extension?: ServerExtension;
  /**
   * Secret for the WebSocket, the push API and LAN-mode HTTP.
   * @default process.env.SOP_PREVIEW_TOKEN, else random per run
   */
  token?: string;
  /**
   * `morph` patches the page in place; `reload` reloads it on every change.
   * @default 'morph'
   */
  mode?: 'morph' | 'reload';
  /**
   * Enable `PUT /__preview/content` (push API).
   * @default false
   */
  push?: boolean;
  /**
   * Largest push body in bytes; larger requests get 413.
   * @default 20 MiB
   */
  pushBodyLimit?: number;
  /**
   * Time a push request may take to send its body, in ms; slower ones get 408.
   * @default 30_000
   */
  pushTimeoutMs?: number;
  /**
   * Extra `Host` names (or addresses) to accept besides loopback ones and the bound address.
   * @default []
   * @example ['preview.test']
   */
  allowedHosts?: string[];
  /**
   * Require the token on every HTTP request (cookie after the first `?token=` visit).
   * @default true when `host` is not a loopback address, else false
   */
  requireToken?: boolean;
  /**
   * Interval of WebSocket pings in ms; a client that missed the previous pong is dropped.
   * @default 30_000
   */
  heartbeatMs?: number;
  /**
   * Per-client send buffer above which the client is skipped and resynced later.
   * @default 4 MiB
   */
  maxBufferedBytes?: number;
  /**
   * Client features passed to the browser.
   * @default { badge: true, flash: true, highlight: true, overlay: true, debug: false }
   */
  client?: Partial<Pick<ClientBootstrap, 'badge' | 'flash' | 'highlight' | 'overlay' | 'debug'>>;
  /**
   * Themes the badge menu offers, served at `/__preview/theme.css?name=NAME` (names only, never a
   * path). The CLI offers the SOP themes; pages without a rendered theme show no menu.
   * @default undefined (no menu; the theme route answers 404)
   */
  themes?: ThemeChoices;
  /**
   * Log each message in and out: `true` to stderr, or a function receiving each line.
   * @default false
   */
  debug?: boolean | ((line: string) => void);
  /**
   * Content of the `index` document before the first update.
   * @default a small "waiting for content" page
   */
  initialHtml?: string;
}

/**
 * The defaults of {@link LivePreviewServerOptions} that are plain values, in one place: the CLI
 * shows and passes these instead of restating them.
 */
export const SERVER_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  mode: 'morph',
  pushBodyLimit: 20 * 1024 * 1024,
  pushTimeoutMs: 30_000,
  heartbeatMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
} as const satisfies Partial<ResolvedServerOptions>;

/** {@link LivePreviewServerOptions} with every default applied. */
export interface ResolvedServerOptions {
  port: number;
  host: string;
  strictPort: boolean;
  root: string;
  token: string;
  mode: 'morph' | 'reload';
  push: boolean;
  pushBodyLimit: number;
  pushTimeoutMs: number;
  allowedHosts: string[];
  requireToken: boolean;
  heartbeatMs: number;
  maxBufferedBytes: number;
  client: Pick<ClientBootstrap, 'badge' | 'flash' | 'highlight' | 'overlay' | 'debug'>;
  log: ((line: string) => void) | null;
  initialHtml: string;
  extension: ServerExtension | null;
  themes: ThemeChoices | null;
}

/** The page shown at `/` until the first `updateContent`. */
export const WAITING_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>sop-preview</title></head>' +
  '<body><main data-block="waiting"><p>Waiting for content…</p></main></body></html>';

/** Whether `host` (as given to `listen`) is a loopback address. */
export function isLoopbackBindHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isLoopbackHostname(bare.toLowerCase());
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`LivePreviewServer option "${name}" must be an integer from ${min} to ${max}, got ${value}.`);
  }
  return value;
}

/** Applies the defaults and validates; throws `TypeError`/`RangeError` naming the bad option. */
export function resolveOptions(options: LivePreviewServerOptions = {}): ResolvedServerOptions {
  const host = options.host ?? SERVER_DEFAULTS.host;
  if (typeof host !== 'string' || host.length === 0)
    throw new TypeError('LivePreviewServer option "host" must be a non-empty string.');
  const token = options.token ?? process.env.SOP_PREVIEW_TOKEN ?? generateToken();
  if (typeof token !== 'string' || token.length < 8) {
    throw new TypeError('LivePreviewServer option "token" must be a string of at least 8 characters.');
  }
  const mode = options.mode ?? SERVER_DEFAULTS.mode;
  if (mode !== 'morph' && mode !== 'reload')
    throw new TypeError('LivePreviewServer option "mode" must be "morph" or "reload".');
  const debug = options.debug ?? false;
  const log =
    typeof debug === 'function'
      ? debug
      : debug
        ? (line: string) => process.stderr.write(`[sop-preview] ${line}\n`)
        : null;
  return {
    port: checkInteger('port', options.port ?? SERVER_DEFAULTS.port, 0, 65535),
    // includes() first: Node's isIPv6 compiles a large regex on its first call (~10 ms of start-up).
    host: host.includes(':') && isIPv6(host) ? host.toLowerCase() : host,
    strictPort: options.strictPort ?? false,
    root: options.root ?? process.cwd(),
    token,
    mode,
    push: options.push ?? false,
    pushBodyLimit: checkInteger('pushBodyLimit', options.pushBodyLimit ?? SERVER_DEFAULTS.pushBodyLimit, 1, 2 ** 31),
    pushTimeoutMs: checkInteger('pushTimeoutMs', options.pushTimeoutMs ?? SERVER_DEFAULTS.pushTimeoutMs, 1, 2 ** 31),
    allowedHosts: [...(options.allowedHosts ?? [])],
    requireToken: options.requireToken ?? !isLoopbackBindHost(host),
    heartbeatMs: checkInteger('heartbeatMs', options.heartbeatMs ?? SERVER_DEFAULTS.heartbeatMs, 1, 2 ** 31),
    maxBufferedBytes: checkInteger(
      'maxBufferedBytes',
      options.maxBufferedBytes ?? SERVER_DEFAULTS.maxBufferedBytes,
      0,
      2 ** 40,
    ),
    client: { badge: true, flash: true, highlight: true, overlay: true, debug: false, ...options.client },
    log,
    initialHtml: options.initialHtml ?? WAITING_HTML,
    extension: options.extension ?? null,
    themes: options.themes ?? null,
  };
}
