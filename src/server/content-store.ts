/** Documents by name: the current HTML, its version, its keyed tree and its error state. */
import { type PreviewErrorPayload, RESERVED_PREFIX } from '../shared/protocol.js';
import { buildKeyedTree, type KeyedTree } from './diff/keyed-tree.js';
import { updateKeyedTree } from './diff/keyed-tree-update.js';
import { scriptsDigest } from './scripts-digest.js';

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
  /** {@link scriptsDigest} of this version, `''` when it has no script; `null` until first asked for. */
  scripts: string | null;
  /** The previous version's scripts and digest, reused when this version's scripts are equal. */
  scriptsBasis: ScriptsBasis | null;
}

/** Scripts with their digest, so an edit that leaves them alone does not hash them again. */
interface ScriptsBasis {
  head: readonly string[];
  body: readonly string[];
  digest: string;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

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
      scripts: null,
      // Comparing strings costs a tenth of hashing them, which matters for large inline scripts.
      scriptsBasis:
        previous && current && current.scripts !== null
          ? { head: previous.tree.headScripts, body: previous.tree.bodyScripts, digest: current.scripts }
          : null,
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
   * The digest of the scripts of `name`'s current version (see {@link scriptsDigest}), sent with
   * the version so the page can report it back; `undefined` when it has no script.
   */
  scripts(name: string): string | undefined {
    const doc = this.docs.get(name);
    if (!doc) return undefined;
    if (doc.scripts === null) {
      const { headScripts, bodyScripts } = treeOf(doc);
      const basis = doc.scriptsBasis;
      doc.scripts =
        basis && sameList(basis.head, headScripts) && sameList(basis.body, bodyScripts)
          ? basis.digest
          : (scriptsDigest(headScripts, bodyScripts) ?? '');
      doc.scriptsBasis = null;
    }
    return doc.scripts || undefined;
  }

  /**
   * Whether a page showing `lastVersion` of `name` needs a reload to look like a fresh load: the
   * scripts differ from that version's. A page at or after `scriptsSince` needs none: since then
   * scripts were only added, and the morph runs those.
   * Before it (an edit changed them, or the page comes from an earlier run, older than every
   * version of this one) the page's `scripts`, the digest it was sent with its version (`''`:
   * none), decide: equal to the current digest, the page ran what a fresh load would run. A page
   * that cannot say reloads when the document has scripts.
   */
  needsReload(name: string, lastVersion: number, scripts?: string): boolean {
    const doc = this.docs.get(name);
    if (!doc || lastVersion >= doc.scriptsSince) return false;
    const current = this.scripts(name) ?? '';
    return scripts === undefined ? current !== '' : scripts !== current;
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
