/**
 * Turns two keyed versions of a document into the smallest safe message: a `patch` that splices
 * the changed stretches between unchanged units, a full `update`, or a `reload` when a script
 * changed (only a reload runs the document's scripts as a fresh load would).
 */
import type { PatchOp } from '../../shared/protocol.js';
import type { KeyedNode, KeyedTree } from './keyed-tree.js';
import type { ServedText } from './served-text.js';

/** What the differ decided. */
export type BlockDiff =
  /** Apply `ops` (and the new `head` inner HTML, when present) on top of the old version. */
  | { kind: 'patch'; ops: PatchOp[]; head?: string }
  /** Send the whole document; `reason` says why a patch was not possible (for debug logs). */
  | { kind: 'update'; reason: string }
  /** A script changed or went away: only a reload shows what a fresh load would. */
  | { kind: 'reload' };

/** Whether `a` appears in order within `b`: scripts may be added (they run when inserted) but not changed or removed. */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let at = 0;
  for (const item of b) if (at < a.length && a[at] === item) at += 1;
  return at === a.length;
}

/** Diffs two versions of one document. */
export function diffBlockTrees(before: KeyedTree, after: KeyedTree): BlockDiff {
  const oldHead = before.head ? before.html.slice(before.head.start, before.head.end) : '';
  const newHead = after.head ? after.html.slice(after.head.start, after.head.end) : '';
  const headScriptsSame =
    before.headScripts.length === after.headScripts.length &&
    before.headScripts.every((script, index) => script === after.headScripts[index]);
  if (!headScriptsSame || !isSubsequence(before.bodyScripts, after.bodyScripts)) return { kind: 'reload' };
  if (!before.body || !after.body) return { kind: 'update', reason: after.unsafe ?? before.unsafe ?? 'no body' };
  if (before.outside !== after.outside) return { kind: 'update', reason: 'content outside <head> and <body> changed' };
  const ops: PatchOp[] = [];
  const derived = after.basis === before.id;
  new Differ(before.served, after.served, ops, derived, derived && after.regions > 1).children(
    undefined,
    before.body.children,
    after.body.children,
    { from: before.body.start, to: before.body.end },
    { from: after.body.start, to: after.body.end, trailing: after.body.trailing },
  );
  return oldHead === newHead ? { kind: 'patch', ops } : { kind: 'patch', ops, head: newHead };
}

interface Range {
  from: number;
  to: number;
  /** Text a browser appends to this range's last gap (whitespace after `</body>`). */
  trailing?: string;
  /**
   * The range is a `<pre>`'s content: a parser drops one newline right after the start tag, but
   * not in a fragment, so a splice at the start leaves it out.
   */
  dropsLeadingNewline?: boolean;
}

/** The elements whose first newline a parser drops. */
const DROPS_LEADING_NEWLINE = new Set(['pre', 'listing', 'textarea']);

class Differ {
  constructor(
    private readonly oldHtml: ServedText,
    private readonly newHtml: ServedText,
    private readonly ops: PatchOp[],
    /** Whether `after` was built from `before`, so that its carried nodes are known to be unchanged. */
    private readonly derived: boolean,
    /** Whether it was built over several regions, so that the text between carried nodes may have changed. */
    private readonly gapsEdited: boolean,
  ) {}

  /** Whether a unit is known to be unchanged without a look: the same node, or one carried over from the old tree. */
  private unchanged(old: KeyedNode, next: KeyedNode): boolean {
    return old === next || (this.derived && next.carried && old.key === next.key);
  }

  /**
   * Diffs the units of one parent: unchanged units stay, the stretches between them are spliced.
   * Units known to be unchanged at either end are passed over first: in a tree built from the
   * old one, that is all but the edited stretch, so the work follows the edit, not the page.
   */
  children(
    parent: string | undefined,
    oldUnits: readonly KeyedNode[],
    newUnits: readonly KeyedNode[],
    oldRange: Range,
    newRange: Range,
  ): void {
    // Shared nodes lie before the first edit, with the gaps around them; a carried node lies after
    // an edit, and so does the gap that follows it (the one before it may be the edit) unless
    // another edit follows.
    const limit = Math.min(oldUnits.length, newUnits.length);
    let head = 0;
    while (head < limit && oldUnits[head] === newUnits[head]) head += 1;
    let tail = 0;
    while (tail < limit - head) {
      const old = oldUnits[oldUnits.length - 1 - tail] as KeyedNode;
      const next = newUnits[newUnits.length - 1 - tail] as KeyedNode;
      if (!this.unchanged(old, next)) break;
      // After several regions, the text after a carried node may be one of them: the run of
      // carried nodes stops before a changed stretch, which the splices below then cover.
      if (this.gapsEdited) {
        const oldEnd = tail === 0 ? oldRange.to : (oldUnits[oldUnits.length - tail] as KeyedNode).start;
        const newEnd = tail === 0 ? newRange.to : (newUnits[newUnits.length - tail] as KeyedNode).start;
        if (this.oldHtml.slice(old.end, oldEnd) !== this.newHtml.slice(next.end, newEnd)) break;
      }
      tail += 1;
    }
    const oldMiddle = oldUnits.slice(head, oldUnits.length - tail);
    const newMiddle = newUnits.slice(head, newUnits.length - tail);
    const { oldKept, newKept } = (this.derived && keptByCarried(oldMiddle, newMiddle)) || keptAll(oldMiddle, newMiddle);
    let oldAt = head > 0 ? (oldUnits[head - 1] as KeyedNode).end : oldRange.from;
    let newAt = head > 0 ? (newUnits[head - 1] as KeyedNode).end : newRange.from;
    let previous = head > 0 ? (newUnits[head - 1] as KeyedNode).key : undefined;
    newKept.forEach((next, index) => {
      const old = oldKept[index] as KeyedNode;
      this.gap(
        parent,
        previous,
        next.key,
        this.oldHtml.slice(oldAt, old.start),
        this.newHtml.slice(newAt, next.start),
        newRange,
      );
      this.unit(old, next);
      oldAt = old.end;
      newAt = next.end;
      previous = next.key;
    });
    const oldNext = tail > 0 ? (oldUnits[oldUnits.length - tail] as KeyedNode) : undefined;
    const newNext = tail > 0 ? (newUnits[newUnits.length - tail] as KeyedNode) : undefined;
    const oldTail = this.oldHtml.slice(oldAt, oldNext ? oldNext.start : oldRange.to);
    const newTail = this.newHtml.slice(newAt, newNext ? newNext.start : newRange.to);
    this.gap(parent, previous, newNext?.key, oldTail, newTail, newRange, newNext ? '' : (newRange.trailing ?? ''));
  }

  private gap(
    parent: string | undefined,
    after: string | undefined,
    before: string | undefined,
    oldGap: string,
    newGap: string,
    range: Range,
    trailing = '',
  ): void {
    if (oldGap === newGap) return;
    const html = newGap + trailing;
    const op: PatchOp = {
      op: 'spl',
      html: after === undefined && range.dropsLeadingNewline ? html.replace(/^(\r\n|\r|\n)/, '') : html,
    };
    if (parent !== undefined) op.parent = parent;
    if (after !== undefined) op.after = after;
    if (before !== undefined) op.before = before;
    this.ops.push(op);
  }

  /** One unit present in both versions (same key): nothing, a look inside, or an `upd`. */
  private unit(old: KeyedNode, next: KeyedNode): void {
    if (old === next || (this.derived && next.carried)) return;
    const inside =
      old.children !== null &&
      next.children !== null &&
      this.oldHtml.slice(old.start, old.openEnd) === this.newHtml.slice(next.start, next.openEnd);
    // In a derived tree a container that was not carried over changed inside: comparing its whole
    // outer HTML first (the size of the page, for the outermost one) would only confirm it.
    if (!inside || !this.derived) {
      const newOuter = this.newHtml.slice(next.start, next.end);
      if (this.oldHtml.slice(old.start, old.end) === newOuter) return;
      if (!inside) {
        this.ops.push({ op: 'upd', key: next.key, html: newOuter });
        return;
      }
    }
    this.children(
      next.key,
      old.children as KeyedNode[],
      next.children as KeyedNode[],
      { from: old.openEnd, to: old.closeStart },
      { from: next.openEnd, to: next.closeStart, dropsLeadingNewline: DROPS_LEADING_NEWLINE.has(next.name) },
    );
  }
}

/** The units two runs keep, in order: old and new units at the same index have the same key. */
interface Kept {
  oldKept: KeyedNode[];
  newKept: KeyedNode[];
}

/** The units of a longest common subsequence of the keys of two runs of units. */
function keptAll(oldUnits: readonly KeyedNode[], newUnits: readonly KeyedNode[]): Kept {
  const kept = longestCommonSubsequence(
    oldUnits.map((unit) => unit.key),
    newUnits.map((unit) => unit.key),
  );
  return {
    oldKept: oldUnits.filter((unit) => kept.has(unit.key)),
    newKept: newUnits.filter((unit) => kept.has(unit.key)),
  };
}

/**
 * In a tree built from the old one, the units two runs keep, or `null`. A save that changed
 * several places leaves carried units between them, each its old self moved, in the old order:
 * they pin the matching, and only the stretches between them need a common subsequence (one over
 * the whole run cost ~6 ms for 7,000 units, the span the save did not touch). `null` when a
 * carried unit's key is not found in order in the old run.
 */
function keptByCarried(oldUnits: readonly KeyedNode[], newUnits: readonly KeyedNode[]): Kept | null {
  const oldKept: KeyedNode[] = [];
  const newKept: KeyedNode[] = [];
  let oldFrom = 0;
  let newFrom = 0;
  for (let index = 0; index <= newUnits.length; index += 1) {
    const next = newUnits[index];
    if (next && !next.carried) continue;
    let match = oldFrom;
    if (next) {
      while (match < oldUnits.length && (oldUnits[match] as KeyedNode).key !== next.key) match += 1;
      if (match === oldUnits.length) return null;
    } else match = oldUnits.length;
    if (index > newFrom && match > oldFrom) {
      const between = keptAll(oldUnits.slice(oldFrom, match), newUnits.slice(newFrom, index));
      oldKept.push(...between.oldKept);
      newKept.push(...between.newKept);
    }
    if (next) {
      oldKept.push(oldUnits[match] as KeyedNode);
      newKept.push(next);
    }
    oldFrom = match + 1;
    newFrom = index + 1;
  }
  return { oldKept, newKept };
}

/**
 * Keys of a longest common subsequence of `a` and `b` (both free of duplicates), by the
 * classic O(n·m) table trimmed of the common prefix and suffix, which in editing is nearly all of it.
 */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
  const result = new Set<string>();
  let startA = 0;
  let startB = 0;
  let endA = a.length;
  let endB = b.length;
  while (startA < endA && startB < endB && a[startA] === b[startB]) {
    result.add(a[startA] as string);
    startA += 1;
    startB += 1;
  }
  while (endA > startA && endB > startB && a[endA - 1] === b[endB - 1]) {
    result.add(a[endA - 1] as string);
    endA -= 1;
    endB -= 1;
  }
  const n = endA - startA;
  const m = endB - startB;
  if (n === 0 || m === 0) return result;
  if (n * m > 4_000_000) return lcsBySortedIndex(a.slice(startA, endA), b.slice(startB, endB), result);
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * width + j] =
        a[startA + i] === b[startB + j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[startA + i] === b[startB + j]) {
      result.add(a[startA + i] as string);
      i += 1;
      j += 1;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i += 1;
    else j += 1;
  }
  return result;
}

/**
 * For huge reorderings: with unique keys the LCS is the longest increasing subsequence of the
 * old positions taken in new order (patience sorting, O(n log n)).
 */
function lcsBySortedIndex(a: readonly string[], b: readonly string[], result: Set<string>): Set<string> {
  const position = new Map(a.map((key, index) => [key, index]));
  const sequence = b.filter((key) => position.has(key)).map((key) => position.get(key) as number);
  const tails: number[] = [];
  const tailIndex: number[] = [];
  const previous = new Array<number>(sequence.length).fill(-1);
  sequence.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tails[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    tails[low] = value;
    tailIndex[low] = index;
    previous[index] = low > 0 ? (tailIndex[low - 1] as number) : -1;
  });
  let index = tailIndex[tails.length - 1] ?? -1;
  while (index >= 0) {
    result.add(a[sequence[index] as number] as string);
    index = previous[index] as number;
  }
  return result;
}
