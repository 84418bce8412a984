/**
 * Turns two versions of a document into the smallest safe message: a `patch` of changed blocks,
 * a full `update`, or a `reload` when morphing is unsafe.
 */
import type { PatchOp } from '../../shared/protocol.js';
import { type BlockNode, type BlockTree, childRuns, shellOf } from './block-tree.js';

/** What the differ decided. */
export type BlockDiff =
  /** Apply `ops` (and the new `head` inner HTML, when present) on top of the old version. */
  | { kind: 'patch'; ops: PatchOp[]; head?: string }
  /** Send the whole document; `reason` says why a patch was not possible (for debug logs). */
  | { kind: 'update'; reason: string }
  /** A `<head>` script changed: only a reload runs it. */
  | { kind: 'reload' };

/** Thrown internally when only a whole-document update is safe. */
class NeedsFullUpdate extends Error {}

/** Thrown internally when the parent of a run of blocks must be replaced as a whole. */
class NeedsFullUpdateOfParent extends Error {}

/**
 * Diffs two parsed versions of one document by block key. Keys, not positions, identify blocks,
 * so inserting a step produces one `ins` and leaves the steps below it alone.
 */
export function diffBlockTrees(before: BlockTree, after: BlockTree): BlockDiff {
  if (before.duplicateKeys || after.duplicateKeys) return { kind: 'update', reason: 'duplicate block keys' };
  if (before.encodedKeys || after.encodedKeys)
    return { kind: 'update', reason: 'block keys with character references' };
  const oldHead = before.head ? before.html.slice(before.head.start, before.head.end) : '';
  const newHead = after.head ? after.html.slice(after.head.start, after.head.end) : '';
  if (oldHead !== newHead && !sameList(before.headScripts, after.headScripts)) return { kind: 'reload' };
  if (
    shellOf(before.html, 0, before.html.length, before.roots, before.head) !==
    shellOf(after.html, 0, after.html.length, after.roots, after.head)
  ) {
    return { kind: 'update', reason: 'content outside blocks changed' };
  }
  for (const [key, node] of after.byKey) {
    const old = before.byKey.get(key);
    // A block that changed parent would have to be removed before it is re-inserted elsewhere;
    // whole-document morphing handles that rare case correctly and simply.
    if (old && old.parent !== node.parent) return { kind: 'update', reason: `block "${key}" moved to another parent` };
  }
  const ops: PatchOp[] = [];
  try {
    diffChildren(before, after, before.roots, after.roots, ops);
  } catch (error) {
    if (error instanceof NeedsFullUpdate) return { kind: 'update', reason: error.message };
    if (error instanceof NeedsFullUpdateOfParent) return { kind: 'update', reason: 'top-level blocks reordered' };
    throw error;
  }
  return oldHead === newHead ? { kind: 'patch', ops } : { kind: 'patch', ops, head: newHead };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

const outer = (tree: BlockTree, node: BlockNode): string => tree.html.slice(node.start, node.end);

/** Diffs the children of one parent (`null` parent = the document), appending to `ops`. */
function diffChildren(
  before: BlockTree,
  after: BlockTree,
  oldChildren: readonly BlockNode[],
  newChildren: readonly BlockNode[],
  ops: PatchOp[],
): void {
  const oldRuns = childRuns(before.html, oldChildren);
  const newRuns = childRuns(after.html, newChildren);
  // Equal shells guarantee equal run counts; checked anyway so a bug cannot produce a bad patch.
  if (oldRuns.length !== newRuns.length) throw new NeedsFullUpdate('block runs differ');
  for (let index = 0; index < oldRuns.length; index += 1) {
    diffRun(before, after, oldRuns[index] ?? [], newRuns[index] ?? [], ops, oldRuns.length > 1);
  }
}

/** Diffs one run of sibling blocks (separated only by whitespace). */
function diffRun(
  before: BlockTree,
  after: BlockTree,
  oldRun: readonly BlockNode[],
  newRun: readonly BlockNode[],
  ops: PatchOp[],
  oneOfSeveralRuns: boolean,
): void {
  const oldKeys = oldRun.map((node) => node.key);
  const newKeys = newRun.map((node) => node.key);
  const kept = longestCommonSubsequence(oldKeys, newKeys);
  const keysChanged = kept.size !== oldKeys.length || kept.size !== newKeys.length;
  // With several runs under one parent, an `ins` anchored to a sibling could land in the wrong
  // run if keys moved between runs; anchors need at least one kept block in the run too.
  if (keysChanged && (oneOfSeveralRuns || kept.size === 0)) throw new NeedsFullUpdateOfParent();
  for (const node of oldRun) {
    if (!kept.has(node.key)) ops.push({ op: 'del', key: node.key });
  }
  let previous: string | undefined;
  let pendingBefore: BlockNode[] = [];
  for (const node of newRun) {
    if (!kept.has(node.key)) {
      if (previous === undefined) pendingBefore.push(node);
      else {
        ops.push({ op: 'ins', key: node.key, html: outer(after, node), after: previous });
        previous = node.key;
      }
      continue;
    }
    if (pendingBefore.length > 0) {
      // Blocks inserted before the first kept one: anchor the first, chain the rest after it.
      const [first, ...rest] = pendingBefore;
      if (first) ops.push({ op: 'ins', key: first.key, html: outer(after, first), before: node.key });
      let chain = first?.key;
      for (const next of rest) {
        ops.push({ op: 'ins', key: next.key, html: outer(after, next), after: chain });
        chain = next.key;
      }
      pendingBefore = [];
    }
    previous = node.key;
    diffKept(before, after, before.byKey.get(node.key), node, ops);
  }
}

/** Compares one block present in both versions: nothing, `upd`, or recursion into its children. */
function diffKept(
  before: BlockTree,
  after: BlockTree,
  oldNode: BlockNode | undefined,
  newNode: BlockNode,
  ops: PatchOp[],
): void {
  if (!oldNode) throw new NeedsFullUpdate(`block "${newNode.key}" lost`);
  const oldOuter = outer(before, oldNode);
  const newOuter = outer(after, newNode);
  if (oldOuter === newOuter) return;
  const oldShell = shellOf(before.html, oldNode.start, oldNode.end, oldNode.children);
  const newShell = shellOf(after.html, newNode.start, newNode.end, newNode.children);
  if (oldShell !== newShell) {
    ops.push({ op: 'upd', key: newNode.key, html: newOuter });
    return;
  }
  const mark = ops.length;
  try {
    diffChildren(before, after, oldNode.children, newNode.children, ops);
  } catch (error) {
    if (!(error instanceof NeedsFullUpdateOfParent)) throw error;
    ops.length = mark;
    ops.push({ op: 'upd', key: newNode.key, html: newOuter });
  }
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
