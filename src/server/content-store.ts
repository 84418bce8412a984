/** Documents by name: the current HTML, its version, its keyed tree and its error state. */
import { type PreviewErrorPayload, RESERVED_PREFIX } from '../shared/protocol.js';
import { buildKeyedTree, type KeyedTree } from './diff/keyed-tree.js';
import { updateKeyedTree } from './diff/keyed-tree-update.js';

/** One document's current state. */
export interface StoredDocument {
  /** Increases by one on every change; starts at 1. */
  version: number;
  /** The raw HTML (never with injected scripts). */
  html: string;
  /** UTF-8 size of `html`. */
  bytes: number;
  /** Number of changes after the first version. */
  updates: number;
  /** Keyed tree of `html`, built on first use (see {@link ContentStore.tree}). */
  tree: KeyedTree | null;
  /** The previous version's tree until this one's is built from it: an edit re-parses only what it touched. */
  basis: KeyedTree | null;
  /**
   * The first version whose scripts are this version's: a page showing an older one must reload,
   * since a morph would not run the changed scripts as a fresh load does.
   */
  scriptsSince: number;
}

/** Largest document name accepted (matches the protocol's `hello.doc` limit). */
export const MAX_DOC_NAME = 256;

/** Throws a `TypeError` unless `doc` is a usable document name (it becomes a URL path). */
export function assertDocName(doc: string): void {
  if (
    typeof doc !== 'string' ||
    doc.length === 0 ||
    doc.length > MAX_DOC_NAME ||
    doc.startsWith('/') ||
    doc.startsWith(RESERVED_PREFIX.slice(1)) ||
    /[\0\\#?]/.test(doc) ||
    doc.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new TypeError(
      `Invalid document name ${JSON.stringify(doc)}: use 1-${MAX_DOC_NAME} characters, "/"-separated, no empty, "." or ".." parts, no "\\", "#", "?" or NUL, not under "${RESERVED_PREFIX}".`,
    );
  }
}

function treeOf(doc: StoredDocument): KeyedTree {
  if (!doc.tree) {
    doc.tree = doc.basis ? updateKeyedTree(doc.basis, doc.html) : buildKeyedTree(doc.html);
    doc.basis = null;
  }
  return doc.tree;
}

/** The result of {@link ContentStore.set}. */
export interface StoreChange {
  doc: StoredDocument;
  changed: boolean;
  /** The version before the change, with its tree, when there was one. */
  previous: { version: number; html: string; tree: KeyedTree } | null;
}

/** In-memory documents and their errors. */
export class ContentStore {
  private readonly docs = new Map<string, StoredDocument>();
  private readonly errors = new Map<string, PreviewErrorPayload>();
  // Versions of removed documents: a document added again continues above them, so a page
  // still showing the old one can never mistake new content for the version it has.
  private readonly retired = new Map<string, number>();

  /**
   * @param firstVersion - version of a document's first content. It defaults to the clock so
   *   that a server restarted on the same port never reuses a version a still-open page shows:
   *   that page's `hello {lastVersion}` must always read as out of date to the new run.
   */
  constructor(private readonly firstVersion: number = Date.now()) {}

  /** Names of the documents that have content. */
  names(): string[] {
    return [...this.docs.keys()];
  }

  /** The document `name`, if it has content. */
  get(name: string): StoredDocument | undefined {
    return this.docs.get(name);
  }

  /**
   * The keyed tree of `name`'s current version, built once per version: the store owns it, so
   * the page served, the full `update` frame and the next diff all see the same keys.
   */
  tree(name: string): KeyedTree | undefined {
    const doc = this.docs.get(name);
    return doc ? treeOf(doc) : undefined;
  }

  /** The HTML served for `name`: its content with the implicit keys patches address. */
  served(name: string): string | undefined {
    return this.tree(name)?.served.toString();
  }

  /** Current version of `name`, or 0 when it has none yet. */
  version(name: string): number {
    return this.docs.get(name)?.version ?? 0;
  }

  /** Stores new HTML; identical HTML changes nothing. */
  set(name: string, html: string): StoreChange {
    const current = this.docs.get(name);
    if (current && current.html === html) return { doc: current, changed: false, previous: null };
    const previous = current ? { version: current.version, html: current.html, tree: treeOf(current) } : null;
    const version = current ? current.version + 1 : Math.max(this.firstVersion, (this.retired.get(name) ?? 0) + 1);
    const doc: StoredDocument = {
      version,
      html,
      bytes: Buffer.byteLength(html),
      updates: current ? current.updates + 1 : 0,
      tree: null,
      basis: previous?.tree ?? null,
      scriptsSince: current ? current.scriptsSince : version,
    };
    this.docs.set(name, doc);
    return { doc, changed: true, previous };
  }

  /** Records that the current version of `name` changed a script (the differ found it). */
  scriptsChanged(name: string): void {
    const doc = this.docs.get(name);
    if (doc) doc.scriptsSince = doc.version;
  }

  /**
   * Whether a page showing `lastVersion` of `name` needs a reload to look like a fresh load: the
   * document has scripts and they changed after that version. A page from an earlier run (older
   * than every version of this one) counts as before any change, unless the document has no script.
   */
  needsReload(name: string, lastVersion: number): boolean {
    const doc = this.docs.get(name);
    if (!doc || lastVersion >= doc.scriptsSince) return false;
    const tree = treeOf(doc);
    return tree.headScripts.length > 0 || tree.bodyScripts.length > 0;
  }

  /** Forgets a document and its error. */
  delete(name: string): void {
    const current = this.docs.get(name);
    if (current) this.retired.set(name, current.version);
    this.docs.delete(name);
    this.errors.delete(name);
  }

  /** The current error of `name`, if any. */
  error(name: string): PreviewErrorPayload | undefined {
    return this.errors.get(name);
  }

  /** Sets or clears the error of `name`; returns whether there was one before. */
  setError(name: string, error: PreviewErrorPayload | null): boolean {
    const had = this.errors.has(name);
    if (error) this.errors.set(name, error);
    else this.errors.delete(name);
    return had;
  }
}
