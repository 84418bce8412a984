/**
 * The block-level redline: walks the old and new trees together, pairing children by their
 * `data-block` keys (exact, and a key found elsewhere in the other revision is a move), unkeyed
 * children by their source text, and what is left in a changed stretch by tag and class. Paired
 * blocks recurse; text containers get a word diff; the rest is shown whole as inserted or
 * removed. Every `<ins>`/`<del>` lands where the HTML content model allows text, so the output
 * re-parses to the tree written here.
 *
 * @packageDocumentation
 */
import { diffArrays } from 'diff';
import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { BLOCKS, isPhrasing, isTextContainer, OPAQUE, STRUCTURAL, UNITS } from './html-kinds.js';
import { blockKey, endTag, type HtmlSource, innerSourceOf, keysOf, sourceOf, startTag } from './html-source.js';
import { type WordDiff, type WordDiffMemo, wordDiff } from './word-diff.js';

/** How a block differs from the compared revision (also its `data-rl` attribute, which draws the bar). */
export type ChangeMark = 'inserted' | 'removed' | 'changed' | 'moved';

/** One marked block, for the change summary. */
export interface BlockChange {
  mark: ChangeMark;
  /** Tag name of the block (`li`, `tr`, `section`…). */
  name: string;
  /** The block's `data-block` key; absent for an unkeyed block (a table row, a paragraph). */
  key?: string;
  /** Key of the outermost keyed block around it (the module), or its own key at the top. */
  section?: string;
}

interface Piece {
  html: string;
  /** A visible change not yet shown by a bar on this element or a descendant. */
  changed: boolean;
}

/**
 * Beyond this many edits between two child lists the alignment gives up and pairs what is left
 * by key and by kind alone: the cost stays bounded for two unrelated documents.
 */
const MAX_EDIT_LENGTH = 2000;
/** How many removed blocks an inserted one is compared with when looking for its earlier version. */
const LOOK_AHEAD = 16;
/** Two unkeyed blocks with less word overlap than this are shown as removed and inserted. */
const MIN_SIMILARITY = 0.4;

/** Elements that pair by position within their changed parent. */
const POSITIONAL = new Set(['td', 'th']);

const isBlankText = (node: ChildNode): boolean => isText(node) && node.data.trim() === '';

function signature(element: Element): string {
  return `${element.name}.${element.attribs.class ?? ''}`;
}

/** How much text of a block the pairing looks at: enough to tell versions apart, bounded for huge blocks. */
const SIMILARITY_CHARS = 2000;

/** The first words of a block's text. */
function words(node: ChildNode): string[] {
  let text = '';
  const visit = (at: ChildNode): void => {
    if (text.length >= SIMILARITY_CHARS) return;
    if (isText(at)) text += at.data;
    else if (isTag(at)) for (const child of at.children) visit(child);
  };
  visit(node);
  return text.slice(0, SIMILARITY_CHARS).toLowerCase().split(/\s+/).filter(Boolean);
}

/** Dice coefficient of the two blocks' word sets. */
function similarity(a: ChildNode, b: ChildNode): number {
  const left = new Set(words(a));
  const right = new Set(words(b));
  if (left.size + right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return (2 * shared) / (left.size + right.size);
}

/** Writes the redline of one page pair; one instance per comparison. */
export class RedlineTree {
  /** Every marked block in document order. */
  readonly changes: BlockChange[] = [];
  readonly #old: HtmlSource;
  readonly #new: HtmlSource;
  readonly #oldKeys: Map<string, Element>;
  readonly #newKeys: Map<string, Element>;
  /** Keys of the keyed blocks around the current position, outermost first. */
  readonly #path: string[] = [];
  readonly #wordDiff: (oldHtml: string, newHtml: string) => WordDiff;

  /**
   * @param old - the compared (earlier) revision
   * @param next - the current revision, whose structure the output keeps
   * @param memo - word diffs of the previous redline of this document, to reuse
   */
  constructor(old: HtmlSource, next: HtmlSource, memo?: WordDiffMemo) {
    this.#old = old;
    this.#new = next;
    this.#oldKeys = keysOf(old);
    this.#newKeys = keysOf(next);
    this.#wordDiff = memo ? (a, b) => memo.diff(a, b) : wordDiff;
  }

  /** The new revision's block with this key. */
  newElement(key: string): Element | undefined {
    return this.#newKeys.get(key);
  }

  /** The compared revision's block with this key. */
  oldElement(key: string): Element | undefined {
    return this.#oldKeys.get(key);
  }

  /** The redlined children of a paired element (for the `<body>`, whose start tag the caller writes). */
  children(old: Element, next: Element): string {
    return this.#children(old.children, next.children, next).html;
  }

  /** A change record for the block at the current position. */
  #change(mark: ChangeMark, element: Element): BlockChange {
    const change: BlockChange = { mark, name: element.name };
    const key = blockKey(element);
    if (key !== undefined) change.key = key;
    const section = this.#path[0] ?? key;
    if (section !== undefined) change.section = section;
    return change;
  }

  /** A pair of elements that correspond (same key, or same kind in a changed stretch). */
  #pair(old: Element, next: Element, moved: boolean): Piece {
    const nextSource = sourceOf(this.#new, next);
    if (!moved && sourceOf(this.#old, old) === nextSource) return { html: nextSource, changed: false };
    if (OPAQUE.has(next.name)) return { html: nextSource, changed: false };
    const key = blockKey(next);
    if (key !== undefined) this.#path.push(key);
    const start = this.changes.length;
    const inner =
      isTextContainer(old) && isTextContainer(next)
        ? this.#wordDiff(innerSourceOf(this.#old, old), innerSourceOf(this.#new, next))
        : this.#children(old.children, next.children, next);
    if (key !== undefined) this.#path.pop();
    // The bar goes on the innermost block that can carry it: a keyed block, a list item or a
    // row, and, on pages without keys around, any block element (the innermost one absorbs it).
    const barred =
      key !== undefined ||
      next.name === 'tr' ||
      next.name === 'li' ||
      (this.#path.length === 0 && BLOCKS.has(next.name));
    const mark: ChangeMark | undefined = moved ? 'moved' : barred && inner.changed ? 'changed' : undefined;
    // Recorded before its descendants, so the summary lists blocks in document order.
    if (mark) this.changes.splice(start, 0, this.#change(mark, next));
    const html = startTag(next, mark ? { 'data-rl': mark } : {}) + inner.html + endTag(next);
    return { html, changed: mark ? false : inner.changed };
  }

  /** A subtree present in one revision only: marked at its root, text wrapped in `<ins>`/`<del>`. */
  #whole(node: ChildNode, mark: 'inserted' | 'removed', parent: Element, root: boolean): Piece {
    const source = mark === 'inserted' ? this.#new : this.#old;
    const wrap = mark === 'inserted' ? 'ins' : 'del';
    const raw = sourceOf(source, node);
    if (!isTag(node)) {
      if (isText(node) && (node.data.trim() !== '' || !STRUCTURAL.has(parent.name))) {
        return node.data === ''
          ? { html: '', changed: false }
          : { html: `<${wrap}>${raw}</${wrap}>`, changed: node.data.trim() !== '' };
      }
      // Whitespace between rows or list items, and comments: the new revision's as written.
      return { html: mark === 'inserted' ? raw : '', changed: false };
    }
    if (OPAQUE.has(node.name)) return { html: mark === 'inserted' ? raw : '', changed: false };
    if (isPhrasing(node) || UNITS.has(node.name)) {
      return { html: `<${wrap}>${raw}</${wrap}>`, changed: true };
    }
    const key = blockKey(node);
    if (root) this.changes.push(this.#change(mark, node));
    if (key !== undefined) this.#path.push(key);
    let inner = '';
    for (const child of node.children) inner += this.#whole(child, mark, node, false).html;
    if (key !== undefined) this.#path.pop();
    const extra: Record<string, string> = root ? { 'data-rl': mark } : {};
    // A removed block keeps its id only when the new revision does not use it (no duplicate ids).
    if (mark === 'removed' && node.attribs.id !== undefined && this.#hasNewId(node.attribs.id))
      extra.id = `rl-old-${node.attribs.id}`;
    return { html: startTag(node, extra) + inner + endTag(node), changed: !root };
  }

  #newIds: Set<string> | undefined;

  #hasNewId(id: string): boolean {
    if (!this.#newIds) {
      this.#newIds = new Set();
      for (const element of this.#newKeys.values()) if (element.attribs.id) this.#newIds.add(element.attribs.id);
    }
    return this.#newIds.has(id);
  }

  #token(source: HtmlSource, node: ChildNode): string {
    const key = blockKey(node);
    return key === undefined ? `s${sourceOf(source, node)}` : `k${key}`;
  }

  #children(oldNodes: ChildNode[], nextNodes: ChildNode[], parent: Element): Piece {
    const oldTokens = oldNodes.map((node) => this.#token(this.#old, node));
    const newTokens = nextNodes.map((node) => this.#token(this.#new, node));
    const diff = diffArrays(oldTokens, newTokens, { maxEditLength: MAX_EDIT_LENGTH }) ?? [
      { value: oldTokens, count: oldTokens.length, added: false, removed: true },
      { value: newTokens, count: newTokens.length, added: true, removed: false },
    ];
    let html = '';
    let changed = false;
    let o = 0;
    let n = 0;
    let removed: ChildNode[] = [];
    let added: ChildNode[] = [];
    const flush = (): void => {
      if (removed.length + added.length === 0) return;
      const piece = this.#hunk(removed, added, parent);
      html += piece.html;
      changed ||= piece.changed;
      removed = [];
      added = [];
    };
    for (const change of diff) {
      const count = change.count ?? change.value.length;
      if (change.removed) {
        removed.push(...oldNodes.slice(o, o + count));
        o += count;
      } else if (change.added) {
        added.push(...nextNodes.slice(n, n + count));
        n += count;
      } else {
        flush();
        for (let i = 0; i < count; i++) {
          const old = oldNodes[o++] as ChildNode;
          const next = nextNodes[n++] as ChildNode;
          if (isTag(old) && isTag(next) && blockKey(next) !== undefined) {
            const piece = this.#pair(old, next, false);
            html += piece.html;
            changed ||= piece.changed;
          } else html += sourceOf(this.#new, next);
        }
      }
    }
    flush();
    return { html, changed };
  }

  /** Whether `old` and `next` should be shown as one changed block. */
  #matches(old: ChildNode, next: Element, sameCount: boolean): old is Element {
    if (!isTag(old) || UNITS.has(old.name) || UNITS.has(next.name) || signature(old) !== signature(next)) return false;
    if (OPAQUE.has(next.name)) return true;
    const oldKey = blockKey(old);
    const newKey = blockKey(next);
    // A key the other revision still has elsewhere belongs to that block (a move), not to this one.
    if (oldKey !== undefined && this.#newKeys.has(oldKey)) return false;
    if (newKey !== undefined && this.#oldKeys.has(newKey)) return false;
    const score = similarity(old, next);
    // One-for-one replacements of unkeyed blocks pair when they share any word; cells always
    // pair, since a row compares cell by cell.
    if (oldKey === undefined && newKey === undefined && sameCount) return score > 0 || POSITIONAL.has(next.name);
    return score >= MIN_SIMILARITY;
  }

  /** A changed stretch: moved blocks, pairs of the same kind, then whatever is left. */
  #hunk(removed: ChildNode[], added: ChildNode[], parent: Element): Piece {
    const counts = new Map<string, number>();
    for (const node of removed) if (isTag(node)) counts.set(signature(node), (counts.get(signature(node)) ?? 0) + 1);
    for (const node of added) if (isTag(node)) counts.set(signature(node), (counts.get(signature(node)) ?? 0) - 1);
    let html = '';
    let changed = false;
    let next = 0;
    const add = (piece: Piece): void => {
      html += piece.html;
      changed ||= piece.changed;
    };
    const removeUpTo = (end: number): void => {
      for (; next < end; next++) {
        const node = removed[next] as ChildNode;
        const key = blockKey(node);
        // Moved away: shown at its new place only.
        if (key !== undefined && this.#newKeys.has(key)) continue;
        add(this.#whole(node, 'removed', parent, true));
      }
    };
    for (const node of added) {
      if (!isTag(node)) {
        if (isBlankText(node) && STRUCTURAL.has(parent.name)) html += sourceOf(this.#new, node);
        else add(this.#whole(node, 'inserted', parent, true));
        continue;
      }
      const key = blockKey(node);
      const movedFrom = key === undefined ? undefined : this.#oldKeys.get(key);
      if (movedFrom && movedFrom.name === node.name) {
        add(this.#pair(movedFrom, node, true));
        continue;
      }
      const sameCount = counts.get(signature(node)) === 0;
      let match = -1;
      // A bounded look-ahead keeps a long stretch of insertions linear.
      for (let i = next; i < Math.min(removed.length, next + LOOK_AHEAD); i++) {
        if (this.#matches(removed[i] as ChildNode, node, sameCount)) {
          match = i;
          break;
        }
      }
      if (match < 0) {
        add(this.#whole(node, 'inserted', parent, true));
        continue;
      }
      removeUpTo(match);
      next = match + 1;
      add(this.#pair(removed[match] as Element, node, false));
    }
    removeUpTo(removed.length);
    return { html, changed };
  }
}
