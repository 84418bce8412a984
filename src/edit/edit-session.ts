/**
 * The server side of `sop-preview edit`: the editor page and script, and one socket per editor
 * tab. An edit renders the unsaved buffer through the same pipeline as a save and publishes it to
 * the preview (a patch, like any change); a save goes through the write path; a change on disk is
 * sent to every editor of that file, which decides (clean: reload, dirty: ask).
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { basename, join, relative, sep } from 'node:path';
import { type WebSocket, WebSocketServer } from 'ws';
import { documentName } from '../manager/folder-index.js';
import { sopThemeChoices, themeChoiceName } from '../manager/theme-choices.js';
import { FileWatcher } from '../manager/watcher.js';
import { packageFile, requirePackageFiles } from '../package-files.js';
import type { RedlineRenderer } from '../review/index.js';
import { redlineFailure } from '../review/redline-render-callback.js';
import { sendBody } from '../server/http/reply.js';
import type { ServerExtension } from '../server/server-extension.js';
import {
  DEFAULT_DOC,
  EDITOR_MAX_PAYLOAD,
  EDITOR_PATH,
  EDITOR_QUERY,
  EDITOR_SCRIPT_PATH,
  type EditorBootstrap,
  type EditorClientMessage,
  type EditorDiagnostic,
  type EditorServerMessage,
  type PreviewErrorPayload,
  parseEditorMessage,
} from '../shared/protocol.js';
import { diagnosticPayload, type SopDiagnostic } from '../sop/diagnostic.js';
import { sopJsonSchema } from '../sop/json-schema.js';
import { renderText } from '../sop/render-file.js';
import { fileKind, formatOf } from '../sop/source-files.js';
import { editorPageHtml } from './editor-page.js';
import { buildSourceMap } from './source-map.js';
import { WriteRefusedError, writeAtomic } from './write-path.js';

const EDITOR_BUNDLE_PATH = ['dist', 'editor.js'];
const EDITOR_BUNDLE = packageFile(...EDITOR_BUNDLE_PATH);
/** How long `create` waits for the folder watcher to list the new file. */
const CREATE_WAIT_MS = 3000;

/** The preview server as the session uses it (a `LivePreviewServer` or the manager's server). */
export interface PreviewTarget {
  updateContent(html: string, options?: { doc?: string }): unknown;
  setError(error: PreviewErrorPayload | null, options?: { doc?: string }): void;
  readonly token: string;
}

/** Options of {@link EditSession}. */
export interface EditSessionOptions {
  /** The opened file's folder, or the opened folder: nothing outside it is ever written. */
  root: string;
  /** Folder mode: a file list and "New SOP". */
  folder: boolean;
  /** The documents and their files, as the preview source knows them right now. */
  documents(): Array<{ doc: string; file: string }>;
  /** The running preview server, once started. */
  target(): PreviewTarget | undefined;
  /** Whether edits and saves are allowed at all (see `--allow-remote-edit`). */
  editable: boolean;
  /** Theme the preview renders with (`--theme`). */
  theme?: string;
  /** The text of a new SOP ("New SOP" in folder mode). */
  template(): Promise<string>;
  /** `--compare`: every published render is shown as a redline against the compared revision. */
  redliner?: RedlineRenderer;
}

interface EditorTab {
  socket: WebSocket;
  doc: string;
  file: string;
  /** The last edit rendered: a redline that finishes after a newer edit's is not published. */
  latest: number;
}

interface DiskState {
  text: string;
  hash: string;
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

const toEditorDiagnostic = (d: SopDiagnostic): EditorDiagnostic => ({
  severity: d.severity,
  message: d.message,
  code: d.code,
  line: d.line ?? 1,
  column: d.column ?? 1,
});

/** `yaml`, `markdown` or `html`, for the editor's highlighting. */
const editorFormat = (file: string): 'yaml' | 'markdown' | 'html' =>
  fileKind(file) === 'html' ? 'html' : (formatOf(file) ?? 'markdown');

/** The editor as a {@link ServerExtension}; pass it as the server's `extension` option. */
export class EditSession implements ServerExtension {
  readonly socketQuery = EDITOR_QUERY;
  readonly #options: EditSessionOptions;
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: EDITOR_MAX_PAYLOAD, clientTracking: false });
  readonly #tabs = new Set<EditorTab>();
  readonly #disk = new Map<string, DiskState>();
  readonly #watcher: FileWatcher;

  /**
   * @param options - see {@link EditSessionOptions}
   * @throws PreviewError `PREVIEW_ERR_MISSING_FILE` when the editor bundle is not installed
   */
  constructor(options: EditSessionOptions) {
    requirePackageFiles(EDITOR_BUNDLE_PATH);
    this.#options = options;
    this.#watcher = new FileWatcher((path) => void this.#onDiskEvent(path));
  }

  /** The editor URL of `doc` on a server at `base` (e.g. `http://127.0.0.1:8080/`). */
  editorUrl(base: string, doc?: string): string {
    const url = new URL(EDITOR_PATH, base);
    if (doc) url.searchParams.set('doc', doc);
    return url.href;
  }

  /** Closes every editor socket and stops watching. */
  async close(): Promise<void> {
    for (const tab of this.#tabs) tab.socket.terminate();
    this.#tabs.clear();
    this.#wss.close();
    await this.#watcher.close();
  }

  /** See {@link ServerExtension.handleRequest}. */
  handleRequest(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): boolean {
    const headOnly = req.method === 'HEAD';
    if (path === EDITOR_SCRIPT_PATH) {
      void readFile(EDITOR_BUNDLE).then(
        (script) => send(res, 200, 'text/javascript; charset=utf-8', script, headOnly),
        () => send(res, 500, 'text/plain; charset=utf-8', 'The editor is not built: run npm run build.', headOnly),
      );
      return true;
    }
    if (path !== EDITOR_PATH) return false;
    const target = this.#options.target();
    const docs = this.#editableDocs();
    const wanted = query.get('doc') ?? docs[0]?.doc;
    const found = docs.find((d) => d.doc === wanted);
    if (!target || !found) {
      send(res, 404, 'text/plain; charset=utf-8', 'No such document to edit.', headOnly);
      return true;
    }
    const bootstrap: EditorBootstrap = {
      token: target.token,
      doc: found.doc,
      previewUrl: found.doc === DEFAULT_DOC ? '/' : `/${found.doc.split('/').map(encodeURIComponent).join('/')}`,
      editable: this.#options.editable,
      docs: docs.map(({ doc, file }) => ({ doc, name: relative(this.#options.root, file).split(sep).join('/') })),
      folder: this.#options.folder,
      schema: sopJsonSchema(),
      theme: themeChoiceName(this.#options.theme),
      themes: [...sopThemeChoices(this.#options.theme).names],
    };
    send(res, 200, 'text/html; charset=utf-8', editorPageHtml(bootstrap), headOnly);
    return true;
  }

  /** See {@link ServerExtension.handleUpgrade}. */
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, query: URLSearchParams): void {
    const found = this.#editableDocs().find((d) => d.doc === query.get('doc'));
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      if (!found) {
        ws.close(1008, 'no such document');
        return;
      }
      const tab: EditorTab = { socket: ws, doc: found.doc, file: found.file, latest: 0 };
      this.#tabs.add(tab);
      this.#watcher.setFiles(new Set([...this.#tabs].map((t) => t.file)));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => this.#tabs.delete(tab));
      ws.on('message', (data, isBinary) => {
        const message = isBinary ? undefined : parseEditorMessage(data.toString());
        if (message) void this.#onMessage(tab, message).catch(() => undefined);
      });
      void this.#sendOpen(tab);
    });
  }

  /** Documents with a source file the editor can show (the folder index is generated, not edited). */
  #editableDocs(): Array<{ doc: string; file: string }> {
    return this.#options.documents().filter(({ file }) => fileKind(file) !== 'unsupported');
  }

  async #readDisk(file: string): Promise<DiskState> {
    const text = await readFile(file, 'utf8');
    const state = { text, hash: hashOf(text) };
    this.#disk.set(file, state);
    return state;
  }

  async #sendOpen(tab: EditorTab): Promise<void> {
    const disk = await this.#readDisk(tab.file);
    sendTo(tab, {
      type: 'editor-open',
      doc: tab.doc,
      file: basename(tab.file),
      format: editorFormat(tab.file),
      text: disk.text,
      hash: disk.hash,
    });
    await this.#render(tab, 0, disk.text, false);
  }

  async #onMessage(tab: EditorTab, message: EditorClientMessage): Promise<void> {
    switch (message.type) {
      case 'edit':
        await this.#render(tab, message.seq, message.text, this.#options.editable);
        return;
      case 'reload-disk':
        await this.#sendOpen(tab);
        return;
      case 'save':
        await this.#save(tab, message.text, message.base, message.force === true);
        return;
      case 'create':
        await this.#create(tab, message.name);
        return;
    }
  }

  /**
   * Renders `text` as the document of `tab`; `publish` puts it on the preview (edits of an
   * editable session), otherwise only the diagnostics and the source map go back.
   */
  async #render(tab: EditorTab, seq: number, text: string, publish: boolean): Promise<void> {
    tab.latest = seq;
    const result = renderText(tab.file, text, {
      ...(this.#options.theme ? { theme: this.#options.theme } : {}),
      embedTheme: true,
    });
    const target = this.#options.target();
    if (!result.ok) {
      const first = result.errors[0];
      if (publish && first) target?.setError(diagnosticPayload(first), { doc: tab.doc });
      sendTo(tab, { type: 'diagnostics', seq, items: [...result.errors, ...result.warnings].map(toEditorDiagnostic) });
      return;
    }
    if (publish) {
      const page = await this.#redline(tab, result.html);
      // A newer edit of this tab started while this one was redlined: the newer one is published.
      if (tab.latest === seq) {
        if (typeof page === 'string') target?.updateContent(page, { doc: tab.doc });
        else target?.setError(page, { doc: tab.doc });
      }
    }
    sendTo(tab, { type: 'diagnostics', seq, items: result.warnings.map(toEditorDiagnostic) });
    sendTo(tab, { type: 'source-map', seq, blocks: buildSourceMap(tab.file, text, result.html) });
  }

  /** The page to publish: `html` itself, its redline (`--compare`), or why the redline failed. */
  async #redline(tab: EditorTab, html: string): Promise<string | PreviewErrorPayload> {
    const redliner = this.#options.redliner;
    if (!redliner) return html;
    try {
      return (await redliner.redline(tab.file, html)).html;
    } catch (error) {
      return redlineFailure(error, tab.file);
    }
  }

  async #save(tab: EditorTab, text: string, base: string, force: boolean): Promise<void> {
    if (!this.#options.editable) {
      sendTo(tab, { type: 'saved', ok: false, message: 'editing is off on this host (see --allow-remote-edit)' });
      return;
    }
    try {
      const disk = await this.#readDisk(tab.file).catch(() => undefined);
      if (disk && disk.hash !== base && !force) {
        sendTo(tab, { type: 'saved', ok: false, conflict: true, message: 'the file changed on disk' });
        return;
      }
      await writeAtomic(this.#options.root, tab.file, text);
    } catch (error) {
      const message =
        error instanceof WriteRefusedError ? error.message : `could not save: ${(error as Error).message}`;
      sendTo(tab, { type: 'saved', ok: false, message });
      return;
    }
    const hash = hashOf(text);
    this.#disk.set(tab.file, { text, hash });
    sendTo(tab, { type: 'saved', ok: true, hash });
    for (const other of this.#tabs) {
      if (other !== tab && other.file === tab.file) sendTo(other, { type: 'disk-changed', text, hash });
    }
  }

  async #create(tab: EditorTab, name: string): Promise<void> {
    const { root, folder, editable } = this.#options;
    const clean = name.trim().replace(/\.sop\.ya?ml$/i, '');
    if (!folder || !editable) {
      sendTo(tab, { type: 'created', ok: false, message: 'new documents need folder mode and editing on' });
      return;
    }
    // One plain name: no separators, no dot files, so the new file lands in the root itself.
    if (!/^[A-Za-z0-9][A-Za-z0-9 _-]{0,80}$/.test(clean)) {
      sendTo(tab, { type: 'created', ok: false, message: 'use letters, digits, spaces, "-" and "_" only' });
      return;
    }
    const file = join(root, `${clean}.sop.yaml`);
    try {
      await writeAtomic(root, file, await this.#options.template(), true);
    } catch (error) {
      sendTo(tab, { type: 'created', ok: false, message: (error as Error).message });
      return;
    }
    const doc = documentName(root, file);
    const deadline = Date.now() + CREATE_WAIT_MS;
    while (!this.#editableDocs().some((d) => d.doc === doc) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    sendTo(tab, { type: 'created', ok: true, doc });
  }

  async #onDiskEvent(path: string): Promise<void> {
    const known = this.#disk.get(path);
    let disk: DiskState;
    try {
      const text = await readFile(path, 'utf8');
      // An empty read mid-save (truncate, then write) is not a change anyone made.
      if (text === '' && known && known.text !== '') return;
      disk = { text, hash: hashOf(text) };
    } catch {
      return;
    }
    if (known?.hash === disk.hash) return;
    this.#disk.set(path, disk);
    for (const tab of this.#tabs) {
      if (tab.file === path) sendTo(tab, { type: 'disk-changed', text: disk.text, hash: disk.hash });
    }
  }
}

function sendTo(tab: EditorTab, message: EditorServerMessage): void {
  if (tab.socket.readyState === tab.socket.OPEN) tab.socket.send(JSON.stringify(message));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headOnly: boolean): void {
  sendBody(res, status, type, body, { headOnly, headers: { 'Cache-Control': 'no-store' } });
}
