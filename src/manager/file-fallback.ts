/**
 * The file-based preview used when the server cannot start: each document is written to a temp
 * HTML file that reloads itself, replaced atomically (write, then rename) so a reload never sees
 * half a file. The temp folder is removed on {@link FileFallback.dispose} and on process exit.
 *
 * @packageDocumentation
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DOC, OWN_ELEMENT_ATTRIBUTE, type PreviewErrorPayload } from '../shared/protocol.js';
import { escapeHtml } from '../sop/escape-html.js';

/** Options of {@link FileFallback.create}. */
export interface FileFallbackOptions {
  /**
   * Parent folder of the temp folder.
   * @default os.tmpdir()
   */
  dir?: string;
  /**
   * How often the page reloads itself, in milliseconds.
   * @default 1000
   */
  refreshMs?: number;
  /**
   * Folder relative URLs (images, stylesheets) resolve against, emitted as `<base href>`; without
   * it they would resolve inside the temp folder, where nothing else lives.
   */
  baseDir?: string;
}

interface ResolvedFileFallbackOptions {
  dir: string;
  refreshMs: number;
  baseDir: string | undefined;
}

function resolveOptions(options: FileFallbackOptions): ResolvedFileFallbackOptions {
  return { dir: options.dir ?? tmpdir(), refreshMs: options.refreshMs ?? 1000, baseDir: options.baseDir };
}

/** Temp files of every live fallback, removed synchronously if the process exits without dispose(). */
const liveFolders = new Set<string>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const removeAll = (): void => {
    for (const folder of liveFolders) rmSync(folder, { recursive: true, force: true });
    liveFolders.clear();
  };
  process.once('exit', removeAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      removeAll();
      // Only when nobody else handles the signal do we restore its default effect (ending the
      // process); otherwise the application decides, as it would without us.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.once(signal, onSignal);
  }
}

/** A temp folder of self-reloading HTML files, one per document. */
export class FileFallback {
  /** The temp folder holding the preview files. */
  readonly folder: string;
  readonly #options: ResolvedFileFallbackOptions;
  #writes = 0;
  #disposed = false;

  private constructor(folder: string, options: ResolvedFileFallbackOptions) {
    this.folder = folder;
    this.#options = options;
  }

  /** Creates the temp folder (`sop-preview-XXXXXX` under `dir`). */
  static async create(options: FileFallbackOptions = {}): Promise<FileFallback> {
    const resolved = resolveOptions(options);
    const folder = await mkdtemp(join(resolved.dir, 'sop-preview-'));
    liveFolders.add(folder);
    installExitHooks();
    return new FileFallback(folder, resolved);
  }

  /**
   * Path of the file for `doc`: `index.html` for the default document, otherwise the document
   * name (with `.html` added when missing), kept inside the temp folder.
   */
  pathFor(doc: string = DEFAULT_DOC): string {
    const name = doc === DEFAULT_DOC ? 'index.html' : /\.html?$/i.test(doc) ? doc : `${doc}.html`;
    const path = resolve(this.folder, name);
    if (!path.startsWith(this.folder + sep)) throw new RangeError(`document name escapes the preview folder: ${doc}`);
    return path;
  }

  /**
   * Writes `html` for `doc` atomically, with the self-reload script, and an error banner when
   * `error` is given (the HTML is then the last good render).
   */
  async write(html: string, options: { doc?: string; error?: PreviewErrorPayload | null } = {}): Promise<string> {
    if (this.#disposed) throw new Error('FileFallback.write() after dispose()');
    const path = this.pathFor(options.doc);
    await mkdir(dirname(path), { recursive: true });
    this.#writes += 1;
    const temp = `${path}.${process.pid}.${this.#writes}.tmp`;
    await writeFile(temp, this.#decorate(html, options.error ?? null));
    await rename(temp, path);
    return path;
  }

  /** Removes the temp folder and everything in it. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    liveFolders.delete(this.folder);
    await rm(this.folder, { recursive: true, force: true });
  }

  #decorate(html: string, error: PreviewErrorPayload | null): string {
    const { refreshMs, baseDir } = this.#options;
    // Scroll position survives the reload through sessionStorage, keyed by the file, so the
    // reader is not thrown back to the top every second.
    const script =
      `<script ${OWN_ELEMENT_ATTRIBUTE}>(function(){var k='sop-preview-scroll:'+location.pathname;` +
      `var y=sessionStorage.getItem(k);if(y)window.scrollTo(0,+y);` +
      `setTimeout(function(){sessionStorage.setItem(k,String(window.scrollY));location.reload();},${refreshMs});})();</script>`;
    const banner = error
      ? `<div ${OWN_ELEMENT_ATTRIBUTE} role="alert" style="position:fixed;left:0;right:0;bottom:0;z-index:2147483647;` +
        `background:#7f1d1d;color:#fff;font:13px/1.4 monospace;padding:8px 12px;white-space:pre-wrap">` +
        `${escapeHtml(`${error.file ? `${error.file}:${error.line ?? 0}:${error.column ?? 0}  ` : ''}${error.message}`)}` +
        `${error.frame ? `\n${escapeHtml(error.frame)}` : ''}</div>`
      : '';
    let out = html;
    if (baseDir) {
      const base = `<base ${OWN_ELEMENT_ATTRIBUTE} href="${escapeHtml(pathToFileURL(baseDir + sep).href)}">`;
      const head = /<head(\s[^>]*)?>/i.exec(out);
      out = head
        ? out.slice(0, head.index + head[0].length) + base + out.slice(head.index + head[0].length)
        : base + out;
    }
    const tail = banner + script;
    const bodyEnd = out.toLowerCase().lastIndexOf('</body>');
    return bodyEnd === -1 ? out + tail : out.slice(0, bodyEnd) + tail + out.slice(bodyEnd);
  }
}
