/**
 * `PreviewManager`: the piece a GUI or the CLI holds. It owns one live-preview server (or, when
 * that cannot start, a self-refreshing temp file), calls the caller's `render` callback whenever
 * asked, and coalesces requests so at most one render runs and the last state wins.
 *
 * @packageDocumentation
 */
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { LivePreviewServer } from '../server/live-preview-server.js';
import type { LivePreviewServerOptions } from '../server/options.js';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import { DEFAULT_DOC, type PreviewErrorPayload } from '../shared/protocol.js';
import { FileFallback } from './file-fallback.js';
import type { PreviewState, RenderCallback, RenderOutcome, StatusEvent } from './render-outcome.js';
import { RenderScheduler, type SchedulerCounters } from './render-scheduler.js';

/** Options of {@link PreviewManager}. Only `render` is required. */
export interface PreviewManagerOptions {
  /** Produces the document(s); called at most once at a time. */
  render: RenderCallback;
  /**
   * Options of the `LivePreviewServer` the manager starts (port, host, strictPort, root, token,
   * mode, push...), passed as they are.
   * @default {}
   */
  server?: LivePreviewServerOptions;
  /**
   * When the server cannot start (port taken, no free port, permission), preview through a temp
   * HTML file that reloads itself instead of failing.
   * @default true
   */
  fallbackOnFailure?: boolean;
  /**
   * Wait this long after the last change before rendering; 0 renders at once.
   * @default 0
   */
  debounceMs?: number;
  /**
   * Parent folder of the fallback's temp folder.
   * @default os.tmpdir()
   */
  fallbackDir?: string;
  /**
   * How often the fallback page reloads itself, in milliseconds.
   * @default 1000
   */
  fallbackRefreshMs?: number;
  /** Called with the preview's URL once the first render is on screen (e.g. to open a browser). */
  openBrowser?: (url: string) => void | Promise<void>;
}

interface ResolvedManagerOptions {
  render: RenderCallback;
  server: LivePreviewServerOptions;
  fallbackOnFailure: boolean;
  debounceMs: number;
  fallbackDir: string | undefined;
  fallbackRefreshMs: number;
  openBrowser: ((url: string) => void | Promise<void>) | undefined;
}

/** Every default of {@link PreviewManagerOptions} in one place. */
function resolveManagerOptions(options: PreviewManagerOptions): ResolvedManagerOptions {
  if (typeof options?.render !== 'function') throw new TypeError('PreviewManager: options.render must be a function');
  return {
    render: options.render,
    server: options.server ?? {},
    fallbackOnFailure: options.fallbackOnFailure ?? true,
    debounceMs: options.debounceMs ?? 0,
    fallbackDir: options.fallbackDir,
    fallbackRefreshMs: options.fallbackRefreshMs ?? 1000,
    openBrowser: options.openBrowser,
  };
}

/** Start failures that the file fallback can stand in for; anything else is a bug to surface. */
const FALLBACK_CODES: ReadonlySet<string> = new Set([
  PreviewErrorCode.PortInUse,
  PreviewErrorCode.NoFreePort,
  PreviewErrorCode.Permission,
]);

/** Events of {@link PreviewManager}. */
export interface PreviewManagerEvents {
  /** For a status bar: server started, fallback in use, render failed or recovered. */
  status: [StatusEvent];
  /** The state changed. */
  state: [PreviewState];
  /** A render finished; `outcomes` are what the callback returned (empty when it returned null). */
  render: [{ outcomes: readonly RenderOutcome[]; ms: number }];
}

const describe = (error: PreviewErrorPayload): string =>
  `${error.file ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''}: ` : ''}${error.message}`;

/**
 * Live preview for a document the caller renders. `open()` starts the server (or the file
 * fallback) and renders once; `requestUpdate()` after each change; `close()` stops everything
 * and removes temp files.
 *
 * @example
 * ```ts
 * const manager = new PreviewManager({ render: async () => ({ ok: true, html: makeHtml() }) });
 * manager.on('status', ({ level, message }) => statusBar.show(level, message));
 * await manager.open();
 * editor.onChange(() => manager.requestUpdate());
 * ```
 */
export class PreviewManager extends EventEmitter<PreviewManagerEvents> {
  readonly #options: ResolvedManagerOptions;
  readonly #scheduler: RenderScheduler;
  #state: PreviewState = 'closed';
  #server: LivePreviewServer | undefined;
  #fallback: FileFallback | undefined;
  #transition: Promise<void> = Promise.resolve();
  /** Last good HTML per document: what the fallback shows under an error banner. */
  readonly #lastGood = new Map<string, string>();
  /** Documents currently showing an error, so a good render knows to clear it. */
  readonly #failing = new Map<string, PreviewErrorPayload>();
  /** Whether the last render was dropped because a newer change had arrived while it ran. */
  #droppedLast = false;
  /**
   * Outcomes of a dropped render, by document, shown with the next render unless it brings the
   * same document again: a source that renders only what changed would not bring them back.
   */
  readonly #deferred = new Map<string, RenderOutcome>();

  /** @param options - see {@link PreviewManagerOptions} */
  constructor(options: PreviewManagerOptions) {
    super();
    this.#options = resolveManagerOptions(options);
    this.#scheduler = new RenderScheduler(() => this.#renderOnce(), this.#options.debounceMs);
  }

  /** `closed`, `live` (server running) or `fallback` (temp file). */
  get state(): PreviewState {
    return this.#state;
  }

  /** The running server, while `live`. */
  get server(): LivePreviewServer | undefined {
    return this.#server;
  }

  /** Folder of the fallback files, while in `fallback`. */
  get fallbackFolder(): string | undefined {
    return this.#fallback?.folder;
  }

  /** Where the preview is: the server URL, the fallback file URL, or undefined when closed. */
  get url(): string | undefined {
    if (this.#server) return this.#server.url;
    if (this.#fallback) return pathToFileURL(this.#fallback.pathFor(DEFAULT_DOC)).href;
    return undefined;
  }

  /** Render counters: `renders`, `inFlight`, `maxInFlight`, `coalesced`. */
  get counters(): SchedulerCounters {
    return this.#scheduler.counters;
  }

  /** The documents that currently have an error. */
  get errors(): ReadonlyMap<string, PreviewErrorPayload> {
    return this.#failing;
  }

  /**
   * Starts the server (or the file fallback), renders once and calls `openBrowser`. Rejects with
   * the server's `PreviewError` when it cannot start and the fallback is off. No-op when open.
   */
  open(): Promise<void> {
    // A failed open must not poison later calls, yet this caller still sees its own rejection.
    const next = this.#transition.catch(() => undefined).then(() => this.#open());
    this.#transition = next;
    return next;
  }

  /** Stops the server, removes fallback files. No-op when closed. */
  close(): Promise<void> {
    const next = this.#transition.catch(() => undefined).then(() => this.#close());
    this.#transition = next;
    return next;
  }

  /** Opens when closed, closes otherwise. */
  toggle(): Promise<void> {
    return this.#state === 'closed' ? this.open() : this.close();
  }

  /** Schedules a render: at once when idle, otherwise exactly one more after the current one. */
  requestUpdate(): void {
    if (this.#state === 'closed') return;
    this.#scheduler.request();
  }

  /** Resolves when no render is running or pending (tests, scripts). */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  async #open(): Promise<void> {
    if (this.#state !== 'closed') return;
    const server = new LivePreviewServer(this.#options.server);
    try {
      await server.start();
      this.#server = server;
      this.#setState('live');
      this.#status('info', `Live preview at ${server.url}`);
    } catch (error) {
      if (!(error instanceof PreviewError) || !FALLBACK_CODES.has(error.code) || !this.#options.fallbackOnFailure) {
        throw error;
      }
      this.#fallback = await FileFallback.create({
        ...(this.#options.fallbackDir ? { dir: this.#options.fallbackDir } : {}),
        refreshMs: this.#options.fallbackRefreshMs,
        ...(this.#options.server.root ? { baseDir: this.#options.server.root } : {}),
      });
      this.#setState('fallback');
      this.#status(
        'warn',
        `Live preview server unavailable (${error.code}: ${error.message}); using a self-refreshing file preview at ${this.#fallback.pathFor(DEFAULT_DOC)}`,
      );
    }
    this.#scheduler.resume();
    this.#scheduler.request();
    await this.#scheduler.idle();
    const url = this.url;
    if (url && this.#options.openBrowser) await this.#options.openBrowser(url);
  }

  async #close(): Promise<void> {
    if (this.#state === 'closed') return;
    this.#scheduler.stop();
    await this.#scheduler.idle();
    const server = this.#server;
    const fallback = this.#fallback;
    this.#server = undefined;
    this.#fallback = undefined;
    this.#lastGood.clear();
    this.#deferred.clear();
    this.#failing.clear();
    this.#setState('closed');
    await server?.stop();
    await fallback?.dispose();
    this.#status('info', 'Preview closed');
  }

  async #renderOnce(): Promise<void> {
    const started = performance.now();
    let outcomes: readonly RenderOutcome[];
    try {
      const result = await this.#options.render();
      outcomes = result === null ? [] : Array.isArray(result) ? result : [result as RenderOutcome];
    } catch (error) {
      outcomes = [
        {
          ok: false,
          error: { code: PreviewErrorCode.Render, message: error instanceof Error ? error.message : String(error) },
        },
      ];
    }
    // A change that arrived while this render ran makes it stale: an editor that writes a file in
    // several chunks fires a watch event per chunk, and the first render read half a document.
    // The next render is already due, so this one is held back (never twice in a row, so that a
    // stream of changes faster than renders still shows every other one) and its documents are
    // shown with the next render unless that one renders them again.
    if (this.#scheduler.superseded && !this.#droppedLast) {
      this.#droppedLast = true;
      for (const outcome of outcomes) this.#deferred.set(outcome.doc ?? DEFAULT_DOC, outcome);
      return;
    }
    this.#droppedLast = false;
    if (this.#deferred.size > 0) {
      const fresh = new Set(outcomes.map((outcome) => outcome.doc ?? DEFAULT_DOC));
      const carried = [...this.#deferred].filter(([doc]) => !fresh.has(doc)).map(([, outcome]) => outcome);
      this.#deferred.clear();
      outcomes = [...carried, ...outcomes];
    }
    for (const outcome of outcomes) await this.#show(outcome);
    this.emit('render', { outcomes, ms: performance.now() - started });
  }

  /**
   * Stops showing `doc` (its source was deleted): the server forgets it, so its URL answers 404,
   * and its last good render and error are dropped.
   */
  removeDocument(doc: string): void {
    this.#deferred.delete(doc);
    this.#lastGood.delete(doc);
    this.#failing.delete(doc);
    this.#server?.removeDocument(doc);
    this.#status('info', `${doc}: removed`);
  }

  async #show(outcome: RenderOutcome): Promise<void> {
    const doc = outcome.doc ?? DEFAULT_DOC;
    const wasFailing = this.#failing.has(doc);
    if (outcome.ok) {
      this.#lastGood.set(doc, outcome.html);
      this.#failing.delete(doc);
      this.#server?.updateContent(outcome.html, { doc });
      if (wasFailing) {
        this.#server?.setError(null, { doc });
        this.#status('info', `${doc}: fixed`);
      }
      await this.#fallback?.write(outcome.html, { doc });
      return;
    }
    this.#failing.set(doc, outcome.error);
    this.#server?.setError(outcome.error, { doc });
    this.emit('status', { level: 'error', message: describe(outcome.error), error: outcome.error, doc });
    const lastGood = this.#lastGood.get(doc) ?? '<!doctype html><title>sop-preview</title><body></body>';
    await this.#fallback?.write(lastGood, { doc, error: outcome.error });
  }

  #setState(state: PreviewState): void {
    this.#state = state;
    this.emit('state', state);
  }

  #status(level: StatusEvent['level'], message: string): void {
    this.emit('status', { level, message });
  }
}
