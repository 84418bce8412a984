/**
 * Watches a changing set of files (a document, its images, its theme) and, optionally, whole
 * folders. Files are watched through their parent folders rather than by inode, so an editor's
 * atomic save (write a temp file, rename it over the original) and delete + re-create keep being
 * seen: watching the file itself would follow the old, replaced inode and go silent.
 *
 * @packageDocumentation
 */
import { existsSync, type FSWatcher as NodeWatcher, watch as watchFolder } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';

/** What happened to a watched path. */
export type FileChangeKind = 'add' | 'change' | 'unlink';

/** Options of {@link FileWatcher}. */
export interface FileWatcherOptions {
  /**
   * Folders watched recursively (folder mode) for files appearing and disappearing.
   * @default []
   */
  trees?: string[];
  /**
   * Decides which paths under `trees` matter; exact files set with `setFiles` always do.
   * @default every path
   */
  treeFilter?: (path: string) => boolean;
}

// chokidar is used for trees only (new and removed files in folder mode). For the exact files we
// use one plain `fs.watch` per parent folder: chokidar's stat comparison drops an atomic save whose
// mtime and size match the replaced file, and with `atomic`/`awaitWriteFinish` it would delay every
// event (by 100 ms and 2 s); the render path retries empty reads and the scheduler coalesces bursts.
const TREE_OPTIONS = { ignoreInitial: true, atomic: false, awaitWriteFinish: false, persistent: true } as const;

const IGNORED_TREE_PARTS = /(^|[\\/])(node_modules|\.git)([\\/]|$)|(^|[\\/])\.[^\\/]+$/;

/** Reports changes to a set of files and, optionally, folders. */
export class FileWatcher {
  readonly #onChange: (path: string, kind: FileChangeKind) => void;
  readonly #files = new Set<string>();
  readonly #folders = new Map<string, NodeWatcher>();
  readonly #treeFilter: (path: string) => boolean;
  readonly #treeWatcher: FSWatcher | undefined;
  readonly #ready: Promise<void>;
  #closed = false;

  /**
   * @param onChange - called for each relevant event, with an absolute path
   * @param options - see {@link FileWatcherOptions}
   */
  constructor(onChange: (path: string, kind: FileChangeKind) => void, options: FileWatcherOptions = {}) {
    this.#onChange = onChange;
    this.#treeFilter = options.treeFilter ?? (() => true);
    const trees = (options.trees ?? []).map((tree) => resolve(tree));
    if (trees.length > 0) {
      const tree = watch(trees, { ...TREE_OPTIONS, ignored: (path: string) => IGNORED_TREE_PARTS.test(path) });
      tree.on('all', (event, path) => {
        const absolute = resolve(path);
        const known = this.#files.has(absolute);
        // Removals are passed on for exactly watched files too: when a whole folder is renamed,
        // the `fs.watch` on it goes silent and only the tree watcher sees the files leave.
        const added = event === 'add' && !known && this.#treeFilter(absolute);
        const removed = event === 'unlink' && (known || this.#treeFilter(absolute));
        if (added || removed) this.#onChange(absolute, event);
      });
      this.#ready = new Promise((done) => tree.once('ready', () => done()));
      this.#treeWatcher = tree;
    } else {
      this.#ready = Promise.resolve();
    }
  }

  /** Resolves once the trees are scanned; exact files report from the moment they are set. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Replaces the set of exactly watched files (e.g. the document plus the assets of its last render). */
  setFiles(paths: Iterable<string>): void {
    if (this.#closed) return;
    this.#files.clear();
    for (const path of paths) this.#files.add(resolve(path));
    const wanted = new Set([...this.#files].map((file) => dirname(file)));
    for (const [folder, watcher] of this.#folders) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.#folders.delete(folder);
    }
    for (const folder of wanted) {
      if (this.#folders.has(folder)) continue;
      try {
        const watcher = watchFolder(folder, { persistent: true }, (_event, name) => this.#onFolderEvent(folder, name));
        // A folder that disappears closes its watcher; the next setFiles() retries it.
        watcher.on('error', () => {
          watcher.close();
          this.#folders.delete(folder);
        });
        this.#folders.set(folder, watcher);
      } catch {
        // The folder does not exist (yet); the next setFiles() after a render tries again.
      }
    }
  }

  /** The files currently watched exactly. */
  get files(): ReadonlySet<string> {
    return this.#files;
  }

  /** Stops watching. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const watcher of this.#folders.values()) watcher.close();
    this.#folders.clear();
    await this.#treeWatcher?.close();
  }

  #onFolderEvent(folder: string, name: string | Buffer | null): void {
    if (name === null) return;
    const path = join(folder, basename(name.toString()));
    if (!this.#files.has(path)) return;
    this.#onChange(path, existsSync(path) ? 'change' : 'unlink');
  }
}
