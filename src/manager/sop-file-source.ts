/**
 * Adapts `renderFile()` to the manager: a render callback for one file (doc `index`) or a folder
 * (one doc per previewable file plus an index page), and a watcher that follows the files each
 * render says it depends on (the source, its images, its theme).
 *
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { PreviewErrorCode } from '../shared/error-codes.js';
import { DEFAULT_DOC } from '../shared/protocol.js';
import { diagnosticPayload } from '../sop/diagnostic.js';
import { fileKind, listSourceFiles, PREVIEWABLE_EXTENSIONS, type SopDiagnostic } from '../sop/index.js';
import { readFailure } from '../sop/read-source.js';
import { type RenderFileResult, renderText } from '../sop/render-file.js';
import { documentName, type FolderEntry, renderFolderIndex } from './folder-index.js';
import type { RenderCallbackResult, RenderOutcome } from './render-outcome.js';
import { type ReadProbe, SourceReader } from './source-reader.js';
import { FileWatcher } from './watcher.js';

/** Options of {@link SopFileSource}. */
export interface SopFileSourceOptions {
  /**
   * Theme name (`default`, `print`, `dark`) or CSS file path.
   * @default 'default'
   */
  theme?: string;
  /**
   * Inline images as `data:` URIs.
   * @default false
   */
  embedMedia?: boolean;
  /** Called after each render of a file with its errors and warnings (e.g. to print them). */
  onDiagnostics?: (file: string, diagnostics: readonly SopDiagnostic[]) => void;
  /**
   * How often an empty read is retried before the change is skipped (editors that truncate, then
   * write, briefly leave an empty file behind).
   * @default 10
   */
  emptyRetries?: number;
  /**
   * Pause between empty-read retries, in milliseconds.
   * @default 15
   */
  emptyRetryMs?: number;
  /**
   * Folder mode: called with the document name when its file is gone for good (still missing
   * after the empty-read retries), after it left the index; pass `manager.removeDocument`.
   */
  onRemoved?: (doc: string) => void;
}

interface ResolvedSourceOptions {
  theme: string | undefined;
  embedMedia: boolean;
  onDiagnostics: ((file: string, diagnostics: readonly SopDiagnostic[]) => void) | undefined;
  emptyRetries: number;
  emptyRetryMs: number;
  onRemoved: ((doc: string) => void) | undefined;
}

function resolveSourceOptions(options: SopFileSourceOptions): ResolvedSourceOptions {
  return {
    theme: options.theme,
    embedMedia: options.embedMedia ?? false,
    onDiagnostics: options.onDiagnostics,
    emptyRetries: options.emptyRetries ?? 10,
    emptyRetryMs: options.emptyRetryMs ?? 15,
    onRemoved: options.onRemoved,
  };
}

interface DocumentState {
  file: string;
  doc: string;
  assets: string[];
  entry: FolderEntry;
  /** Empty reads retried since the last non-empty one. */
  emptyRetries: number;
  /** A file the last render used (image, theme) changed: render even if the source did not. */
  assetsChanged: boolean;
  /** When the reads set aside in a row began (see `#setAside`), or `undefined`. */
  setAsideSince: number | undefined;
  /** The last text shown ended with `</html>`: one that does not may be cut short. */
  endedDocument: boolean;
}

/** Longest time reads of a file that keeps changing are set aside before one is shown anyway. */
const SET_ASIDE_MS = 100;

const IMAGE_EXTENSION = /\.(png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;

/** Whether `text` ends with `</html>` (and whitespace), as a complete generated page does. */
function endsWithHtmlEnd(text: string): boolean {
  return /<\/html\s*>\s*$/i.test(text.slice(-64));
}

/** Size of `file`, or `undefined` when it does not exist (mid atomic save, deleted). */
async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}

/**
 * Renders a file or a folder for the preview and watches what it depends on.
 *
 * @example
 * ```ts
 * const source = await SopFileSource.forFile('procedure.sop.yaml');
 * const manager = new PreviewManager({ render: source.render, server: { root: source.root } });
 * await manager.open();
 * await source.watch(() => manager.requestUpdate());
 * ```
 */
export class SopFileSource {
  /** Folder static assets are served from: the file's folder, or the folder itself. */
  readonly root: string;
  /** Whether this is folder mode (an index page plus one doc per file). */
  readonly folder: boolean;
  readonly #options: ResolvedSourceOptions;
  readonly #docs = new Map<string, DocumentState>();
  readonly #dirty = new Set<string>();
  readonly #skipped: Array<{ file: string; reason: string }> = [];
  #indexDirty = true;
  #watcher: FileWatcher | undefined;
  #onChange: (() => void) | undefined;
  readonly #retryTimers = new Set<NodeJS.Timeout>();
  readonly #reader = new SourceReader();

  private constructor(root: string, folder: boolean, files: string[], options: ResolvedSourceOptions) {
    this.root = root;
    this.folder = folder;
    this.#options = options;
    for (const file of files) this.#add(file);
  }

  /** A source for one file, shown as doc `index` at `/`. */
  static async forFile(path: string, options: SopFileSourceOptions = {}): Promise<SopFileSource> {
    const file = resolve(path);
    if (fileKind(file) === 'unsupported') {
      throw new TypeError(`cannot preview ${basename(file)}: expected ${PREVIEWABLE_EXTENSIONS}`);
    }
    return new SopFileSource(dirname(file), false, [file], resolveSourceOptions(options));
  }

  /** A source for every previewable file under `path`, with an index page at `/`. */
  static async forFolder(path: string, options: SopFileSourceOptions = {}): Promise<SopFileSource> {
    const root = resolve(path);
    return new SopFileSource(root, true, await listSourceFiles(root), resolveSourceOptions(options));
  }

  /** The render callback for `PreviewManager`: renders what changed since the last call. */
  readonly render = async (): Promise<RenderCallbackResult> => {
    const files = [...this.#dirty];
    this.#dirty.clear();
    const outcomes: RenderOutcome[] = [];
    for (const file of files) {
      const state = this.#docs.get(file);
      if (!state) continue;
      const outcome = await this.#renderOne(state);
      if (outcome) outcomes.push(outcome);
    }
    if (this.folder && this.#indexDirty) {
      this.#indexDirty = false;
      const entries = [...this.#docs.values()].map((state) => state.entry);
      outcomes.push({ ok: true, doc: DEFAULT_DOC, html: renderFolderIndex(basename(this.root), entries) });
    }
    this.#watcher?.setFiles(this.#watchedFiles());
    return outcomes.length === 0 ? null : outcomes;
  };

  /** Files left out because an earlier file maps to the same page (`x.sop.md` next to `x.sop.yaml`). */
  skipped(): ReadonlyArray<{ file: string; reason: string }> {
    return this.#skipped;
  }

  /** Document names and the files they come from. */
  documents(): Array<{ doc: string; file: string }> {
    return [...this.#docs.values()].map(({ doc, file }) => ({ doc, file }));
  }

  /** Starts watching; `onChange` runs after every relevant file event (pass `manager.requestUpdate`). */
  async watch(onChange: () => void): Promise<void> {
    this.#onChange = onChange;
    this.#watcher = new FileWatcher(
      (path, kind) => this.#onFileEvent(path, kind),
      this.folder ? { trees: [this.root], treeFilter: (path) => fileKind(path) !== 'unsupported' } : {},
    );
    this.#watcher.setFiles(this.#watchedFiles());
    await this.#watcher.ready();
  }

  /** Stops watching. */
  async close(): Promise<void> {
    for (const timer of this.#retryTimers) clearTimeout(timer);
    this.#retryTimers.clear();
    await this.#watcher?.close();
    this.#watcher = undefined;
  }

  #add(file: string): void {
    const doc = this.folder ? documentName(this.root, file) : DEFAULT_DOC;
    const earlier = [...this.#docs.values()].find((state) => state.doc === doc);
    if (earlier) {
      if (!this.#skipped.some((skip) => skip.file === file)) {
        this.#skipped.push({ file, reason: `${relative(this.root, earlier.file)} already shows ${doc}` });
      }
      return;
    }
    this.#docs.set(file, {
      file,
      doc,
      assets: [file],
      entry: { doc, title: basename(file), failing: false },
      emptyRetries: 0,
      assetsChanged: false,
      setAsideSince: undefined,
      endedDocument: false,
    });
    this.#dirty.add(file);
    this.#indexDirty = true;
  }

  #watchedFiles(): Set<string> {
    const files = new Set<string>();
    for (const state of this.#docs.values()) for (const asset of [state.file, ...state.assets]) files.add(asset);
    return files;
  }

  #onFileEvent(path: string, kind: 'add' | 'change' | 'unlink'): void {
    if (!this.#docs.has(path) && kind === 'add' && this.folder) {
      if (this.#skipped.some((skip) => skip.file === path)) return;
      this.#add(path);
    } else {
      for (const state of this.#docs.values()) {
        if (state.file === path) this.#dirty.add(state.file);
        else if (state.assets.includes(path)) {
          state.assetsChanged = true;
          this.#dirty.add(state.file);
        }
      }
    }
    this.#onChange?.();
  }

  /**
   * Truncate-then-write editors and atomic saves leave a moment with an empty or missing file,
   * which is never rendered. The write that follows normally reports an event of its own and
   * renders at once; this timer only covers a write reported together with the truncation, so no
   * render ever waits on it (a blocking retry here added its whole delay to every such save).
   */
  #retryEmpty(state: DocumentState): void {
    if (state.emptyRetries >= this.#options.emptyRetries) return;
    state.emptyRetries += 1;
    this.#retryLater(state, this.#options.emptyRetryMs);
  }

  /** Renders `state`'s file again after `ms`, unless the source is closed first. */
  #retryLater(state: DocumentState, ms: number): void {
    const timer = setTimeout(() => {
      this.#retryTimers.delete(timer);
      this.#dirty.add(state.file);
      this.#onChange?.();
    }, ms);
    this.#retryTimers.add(timer);
  }

  /**
   * Whether to decode and show a read, decided before it is decoded: one that holds only part of a
   * save would show the page cut short (and make the next save re-parse the whole page twice). A
   * large save is written in chunks (512 KB each for Node's `writeFile`, about a millisecond
   * apart): a read during one sees the file move under it (not `settled`), and the rest is due at
   * once; a read that fell between two chunks sees a file that held still but lost the `</html>`
   * its last version ended with, and is shown after {@link SET_ASIDE_MS} unless a write comes
   * first. Reads are set aside for at most that long in a row (`overdue`), so a file that never
   * stops changing, or really lost its end, still shows.
   */
  #accepts(state: DocumentState, overdue: boolean, { settled, tail }: ReadProbe): boolean {
    return overdue || (settled && !(state.endedDocument && !endsWithHtmlEnd(tail)));
  }

  /** Schedules the next read of a read turned down by {@link #accepts}. */
  #setAside(state: DocumentState, settled: boolean): void {
    state.setAsideSince ??= performance.now();
    if (!settled) {
      // The write under way reports an event of its own, but it may have come before this read ended.
      this.#dirty.add(state.file);
      this.#onChange?.();
    } else this.#retryLater(state, SET_ASIDE_MS + 1);
  }

  async #renderOne(state: DocumentState): Promise<RenderOutcome | undefined> {
    const overdue = state.setAsideSince !== undefined && performance.now() - state.setAsideSince > SET_ASIDE_MS;
    const read = await this.#reader.read(state.file, { accept: (probe) => this.#accepts(state, overdue, probe) });
    if (read.kind === 'missing' && this.folder && state.emptyRetries >= this.#options.emptyRetries) {
      // Gone for good (deleted, or its folder renamed): the index drops it and its page 404s; a
      // file that comes back is picked up as new.
      this.#docs.delete(state.file);
      this.#reader.forget(state.file);
      this.#indexDirty = true;
      this.#options.onRemoved?.(state.doc);
      return undefined;
    }
    if (read.kind === 'missing' || read.kind === 'empty') {
      this.#retryEmpty(state);
      return undefined;
    }
    state.emptyRetries = 0;
    if (read.kind === 'declined') {
      this.#setAside(state, read.settled);
      return undefined;
    }
    state.setAsideSince = undefined;
    if (read.kind === 'text') state.endedDocument = endsWithHtmlEnd(read.text);
    const assetsChanged = state.assetsChanged;
    state.assetsChanged = false;
    // The same bytes as the last read (a save's second watch event, an empty-read retry after the
    // write already showed): what they render to is already on its way to the page.
    if (read.kind === 'same' && !assetsChanged) return undefined;
    const result: RenderFileResult =
      read.kind === 'failed'
        ? { ok: false, errors: [readFailure(state.file, basename(state.file), read.error)], warnings: [] }
        : renderText(state.file, read.text, {
            ...(this.#options.theme ? { theme: this.#options.theme } : {}),
            embedMedia: this.#options.embedMedia,
            embedTheme: true,
          });
    if (!result.ok) {
      if (!(await sizeOf(state.file))) {
        // Emptied while it rendered: nothing is shown, so the same bytes coming back must render.
        this.#reader.forget(state.file);
        return undefined;
      }
      this.#options.onDiagnostics?.(state.file, [...result.errors, ...result.warnings]);
      const first = result.errors[0];
      if (!state.entry.failing) this.#indexDirty = true;
      state.entry = { ...state.entry, failing: true };
      return {
        ok: false,
        doc: state.doc,
        error: first
          ? diagnosticPayload(first)
          : { code: PreviewErrorCode.Render, message: `cannot render ${basename(state.file)}`, file: state.file },
      };
    }
    this.#options.onDiagnostics?.(state.file, result.warnings);
    state.assets = result.assets.filter((asset) => asset !== state.file);
    const entry: FolderEntry = { doc: state.doc, title: result.title, failing: false };
    if (result.meta?.id) entry.id = result.meta.id;
    if (result.meta?.status) entry.status = result.meta.status;
    if (JSON.stringify(entry) !== JSON.stringify(state.entry)) this.#indexDirty = true;
    state.entry = entry;
    return { ok: true, doc: state.doc, html: await this.#bustImageCaches(state, result.html) };
  }

  /**
   * Adds `?v=<mtime>` to the linked images of a render: an edited image keeps its URL otherwise,
   * the HTML would not change, and the browser would keep showing the cached picture.
   */
  async #bustImageCaches(state: DocumentState, html: string): Promise<string> {
    let out = html;
    const folder = dirname(state.file);
    for (const asset of state.assets) {
      if (!IMAGE_EXTENSION.test(asset)) continue;
      let version: number;
      try {
        version = Math.trunc((await stat(asset)).mtimeMs);
      } catch {
        continue;
      }
      const url = relative(folder, asset).split(sep).join('/');
      for (const written of [url, `./${url}`]) {
        out = out.split(`src="${written}"`).join(`src="${written}?v=${version}"`);
      }
    }
    return out;
  }
}
