/**
 * Builds the keyed tree of a document's next version from the previous one, re-parsing only the
 * stretch an edit touched: the units of the innermost keyed container around the edit that
 * overlap it. Everything before is shared with the previous tree, everything after is shifted.
 * A save that changed several places apart (`text-edits.ts`) is taken one edit at a time, so it
 * costs its regions and not the span between them.
 *
 * A region parsed on its own builds the same elements as the whole document would when the
 * parser enters it in the same state and leaves it in the same state: it starts at a unit
 * boundary (text state, the enclosing elements open, which the region parse opens first), and a
 * sentinel after it must open as an element with only those enclosing elements still open. When
 * anything else could differ (a script, a `data-block` value that becomes unique or repeated, a
 * container that stops or starts having keyed children, the doctype, the head), the whole
 * document is parsed again: the result is always the tree {@link buildKeyedTree} would build.
 */
import { bigEnoughToRecurse, KeyWriter, keyable, linkOf, type Siblings } from './key-writer.js';
import { CONTAINERS, parseRaw, quirksOf } from './keyed-parse.js';
import { buildKeyedTree, type KeyedNode, type KeyedTree, nextTreeId, usableKey } from './keyed-tree.js';
import { ServedText } from './served-text.js';
import { commonPrefix, EditedUpTo, editsBetween, type TextEdit, type TextSlices } from './text-edits.js';

/** The keyed tree of `html`, the next version of the document whose tree is `before`. */
export function updateKeyedTree(before: KeyedTree, html: string): KeyedTree {
  return unsafeAgain(before, html) ?? patchKeyedTree(before, html) ?? buildKeyedTree(html);
}

/** What, written after an edit, could change an unsafe tree's head or scripts. */
const RESHAPES = /<script|<head/i;
const RESHAPE_LENGTH = '<script'.length;

/**
 * The tree of `html` when `before` is unsafe and `html` differs from its text only after what
 * decided that (see {@link KeyedTree.unsafeUntil}), adding no script or head there:
 * unsafe for the same reason, with the same head and scripts, so the whole page is sent again
 * without a parse of it (a hand-written page that is unsafe near its top is otherwise parsed
 * whole on every save). `null` when that does not hold.
 */
export function unsafeAgain(before: KeyedTree, html: string): KeyedTree | null {
  if (before.unsafe === null || before.unsafeUntil === Number.POSITIVE_INFINITY || html === before.html) return null;
  const from = commonPrefix(before.html, html);
  if (from < before.unsafeUntil) return null;
  // From a few characters back: the common prefix may end inside the new `<script`.
  const tail = Math.max(0, from - RESHAPE_LENGTH);
  if (RESHAPES.test(html.slice(tail)) || RESHAPES.test(before.html.slice(tail))) return null;
  if (quirksOf(html) !== before.quirks) return null;
  return { ...before, html, served: ServedText.of(html), outside: html, id: nextTreeId(), basis: null, regions: 0 };
}

/** Index of the first node in `nodes` (sorted, disjoint) for which `after(node)` holds, by bisection. */
function firstWhere(nodes: readonly KeyedNode[], after: (node: KeyedNode) => boolean): number {
  let low = 0;
  let high = nodes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (after(nodes[middle] as KeyedNode)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The keyed containers, outermost first, whose content strictly encloses the edit. */
function enclosing(children: readonly KeyedNode[], edit: TextEdit): KeyedNode[] {
  const path: KeyedNode[] = [];
  let units = children;
  for (;;) {
    const index = firstWhere(units, (node) => node.rawEnd > edit.from);
    const node = units[index];
    if (!node?.children || node.rawOpenEnd > edit.from || edit.oldTo > node.rawCloseStart) return path;
    path.push(node);
    units = node.children;
  }
}

/**
 * A copy of `node` and everything inside it, moved by `served` and `raw` characters and marked as
 * unchanged since the previous version (see {@link KeyedNode.carried}), or, when `keep`, marked
 * as it was (a later edit of the same save moves what an earlier one re-parsed). Written out field
 * by field: a spread cost more than the rest of the update on a page of thousands of units.
 */
function shifted(node: KeyedNode, served: number, raw: number, keep: boolean): KeyedNode {
  const children = node.children;
  let moved: KeyedNode[] | null = null;
  if (children) {
    moved = new Array<KeyedNode>(children.length);
    for (let index = 0; index < children.length; index += 1)
      moved[index] = shifted(children[index] as KeyedNode, served, raw, keep);
  }
  return {
    key: node.key,
    start: node.start + served,
    openEnd: node.openEnd + served,
    closeStart: node.closeStart + served,
    end: node.end + served,
    children: moved,
    name: node.name,
    base: node.base,
    content: node.content,
    occurrence: node.occurrence,
    block: node.block,
    hasBlocks: node.hasBlocks,
    rawStart: node.rawStart + raw,
    rawOpenEnd: node.rawOpenEnd + raw,
    rawCloseStart: node.rawCloseStart + raw,
    rawEnd: node.rawEnd + raw,
    carried: keep ? node.carried : true,
  };
}

/** How often each content hash occurs among the units outside `[first, last)`, counted on first use of a hash. */
class CountsOutside {
  readonly #counts = new Map<string, number>();

  constructor(
    private readonly units: readonly KeyedNode[],
    private readonly first: number,
    private readonly last: number,
  ) {}

  get(content: string): number {
    let count = this.#counts.get(content);
    if (count === undefined) {
      count = 0;
      for (let index = 0; index < this.units.length; index += 1) {
        if ((index < this.first || index >= this.last) && this.units[index]?.content === content) count += 1;
      }
      this.#counts.set(content, count);
    }
    return count;
  }
}

/** How often each non-null value of `pick` occurs among `items`. */
function countBy<T>(items: readonly T[], pick: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const value = pick(item);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/**
 * How often each implicit hash occurs among the first `count` units, counted on first use of a
 * hash: a region's few new units ask for a few hashes, where counting all the units before it
 * cost a millisecond per save on a page of thousands.
 */
class CountsBefore extends Map<string, number> {
  constructor(
    private readonly units: readonly KeyedNode[],
    private readonly count: number,
  ) {
    super();
  }

  override get(base: string): number {
    let occurrences = super.get(base);
    if (occurrences === undefined) {
      occurrences = 0;
      for (let index = 0; index < this.count; index += 1) if (this.units[index]?.base === base) occurrences += 1;
      super.set(base, occurrences);
    }
    return occurrences;
  }
}

const hasBlocks = (nodes: readonly KeyedNode[]): boolean =>
  nodes.some((node) => node.block !== undefined || node.hasBlocks);

/** The text of a region, for the checks that send an edit to the whole-document path. */
const SCRIPT = /<script/i;
const BLOCK = /data-block/i;
const TABLE = /<table/i;

/** `data-block` values of the elements in a standalone stretch of HTML (a region between unit boundaries). */
function blockValues(html: string): Map<string, number> {
  return parseRaw(html, { region: true }).blockCount;
}

/**
 * The document's `data-block` counts after the region `oldText` became `newText`, or `null` when
 * a value that elements outside the region carry became unique or stopped being unique (then
 * their keys change too). A value only the region carries (a step added or removed) is fine.
 */
function blockCountAfter(
  counts: ReadonlyMap<string, number>,
  oldText: string,
  newText: string,
  added: ReadonlyMap<string, number>,
): ReadonlyMap<string, number> | null {
  if (!BLOCK.test(oldText) && !BLOCK.test(newText)) return counts;
  const removed = blockValues(oldText);
  const values = new Set([...removed.keys(), ...added.keys()]);
  let next: Map<string, number> | null = null;
  for (const value of values) {
    const was = counts.get(value) ?? 0;
    const outside = was - (removed.get(value) ?? 0);
    const now = outside + (added.get(value) ?? 0);
    if (now === was) continue;
    if (outside > 0 && (was === 1) !== (now === 1)) return null;
    next ??= new Map(counts);
    if (now === 0) next.delete(value);
    else next.set(value, now);
  }
  return next ?? counts;
}

/** One keyed container (or the body) whose run of units `[first, last)` the edit replaces. */
interface Splice {
  /** The container's units before the edit. */
  units: readonly KeyedNode[];
  first: number;
  last: number;
  /** Raw and served offsets where the region starts, and where it ended before the edit. */
  rawFrom: number;
  rawTo: number;
  servedFrom: number;
  servedTo: number;
}

/** The run of units of a container whose content spans `[contentRaw, contentServed]` that `edit` touches. */
function spliceFor(
  units: readonly KeyedNode[],
  edit: TextEdit,
  content: { rawFrom: number; rawTo: number; servedFrom: number; servedTo: number },
  extendTo = -1,
): Splice {
  const first = firstWhere(units, (node) => node.rawEnd > edit.from);
  const last = Math.max(
    firstWhere(units, (node) => node.rawStart >= edit.oldTo),
    extendTo,
    first,
  );
  const before = units[first - 1];
  const after = units[last];
  return {
    units,
    first,
    last,
    rawFrom: before ? before.rawEnd : content.rawFrom,
    rawTo: after ? after.rawStart : content.rawTo,
    servedFrom: before ? before.end : content.servedFrom,
    servedTo: after ? after.start : content.servedTo,
  };
}

/** The new units of a splice's region, its served text, and the document's `data-block` counts. */
interface Rekeyed {
  nodes: KeyedNode[];
  served: string;
  blockCount: ReadonlyMap<string, number>;
  /** Index of the last following unit whose key would change (its occurrence index moved), or -1. */
  lastMoved: number;
}

/**
 * What one region step reads and builds: a version's text, read a stretch at a time (the versions
 * between two edits of one save are never joined into a string: joining a megabyte cost ~5 ms),
 * and its keyed body, served text and `data-block` counts.
 */
interface Step {
  text: TextSlices;
  quirks: boolean;
  body: NonNullable<KeyedTree['body']>;
  served: ServedText;
  blockCount: ReadonlyMap<string, number>;
}

/** Parses and keys the region of `splice` in the new text, or `null` if it does not parse as it would in place. */
function rekey(
  before: Step,
  html: TextSlices,
  edit: TextEdit,
  splice: Splice,
  context: readonly string[],
  parentKey: string,
): Rekeyed | null {
  const oldText = before.text.slice(splice.rawFrom, splice.rawTo);
  const newText = html.slice(splice.rawFrom, splice.rawTo + edit.delta);
  if (SCRIPT.test(oldText) || SCRIPT.test(newText)) return null;
  // Whether a `<p>` was just closed by the parser before the region is not known here, and in quirks
  // mode it decides where a `<table>` goes.
  if (before.quirks && TABLE.test(newText)) return null;
  const opening = context.map((name) => `<${name}>`).join('');
  const parsed = parseRaw(opening + newText, { quirks: before.quirks, region: true, context: context.length });
  const end = opening.length + newText.length;
  const sentinel = parsed.sentinel;
  if (parsed.unsafe || !sentinel || sentinel.at !== end || sentinel.depth !== context.length) return null;
  if (before.quirks && sentinel.impliedP) return null;
  // The region's own elements are the children of the innermost enclosing element.
  let elements = parsed.roots;
  for (let level = 0; level < context.length; level += 1) {
    const only = elements[0];
    if (elements.length !== 1 || !only) return null;
    elements = only.children;
  }
  if (!elements.every(keyable)) return null;
  const blockCount = blockCountAfter(before.blockCount, oldText, newText, parsed.blockCount);
  if (!blockCount) return null;
  const writer = new KeyWriter(opening + newText, usableKey(blockCount), {
    from: opening.length,
    servedOffset: splice.servedFrom - opening.length,
    rawOffset: splice.rawFrom - opening.length,
  });
  const plans = elements.map((element) => writer.plan(element, parentKey));
  const replaced = splice.units.slice(splice.first, splice.last);
  const removedContents = countBy(replaced, (unit) => unit.content);
  const addedContents = countBy(plans, (plan) => plan.content);
  const outside = new CountsOutside(splice.units, splice.first, splice.last);
  // A unit outside whose outer HTML the region makes repeated, or unique again, changes its key.
  for (const content of new Set([...removedContents.keys(), ...addedContents.keys()])) {
    const others = outside.get(content);
    const wasRepeated = others + (removedContents.get(content) ?? 0) > 1;
    if (others > 0 && wasRepeated !== others + (addedContents.get(content) ?? 0) > 1) return null;
  }
  const previousUnit = splice.units[splice.first - 1];
  const siblings: Siblings = {
    seen: new CountsBefore(splice.units, splice.first),
    previous: previousUnit ? linkOf(previousUnit.content, previousUnit.key) : '',
    repeated: (content) => outside.get(content) + (addedContents.get(content) ?? 0) > 1,
  };
  const nodes = elements.map((element, index) => writer.unit(element, parentKey, siblings, plans[index]));
  const served = writer.finish(end);
  // A later unit's occurrence index moves exactly when the region changed how often its hash
  // occurs: find the last such unit, testing only those hashes.
  const removed = countBy(replaced, (unit) => unit.base);
  const added = countBy(nodes, (node) => node.base);
  const changed = new Set<string>();
  for (const base of new Set([...removed.keys(), ...added.keys()])) {
    if (removed.get(base) !== added.get(base)) changed.add(base);
  }
  let lastMoved = -1;
  for (let index = splice.units.length - 1; changed.size > 0 && index >= splice.last; index -= 1) {
    const base = (splice.units[index] as KeyedNode).base;
    if (base !== null && changed.has(base)) {
      lastMoved = index;
      break;
    }
  }
  // The unit after the region pairs its hash with its previous sibling's when its siblings repeat it.
  const next = splice.units[splice.last];
  const oldPrevious = splice.units[splice.last - 1];
  if (
    next &&
    next.base !== next.content &&
    siblings.previous !== (oldPrevious ? linkOf(oldPrevious.content, oldPrevious.key) : '')
  ) {
    lastMoved = Math.max(lastMoved, splice.last);
  }
  return { nodes, served, blockCount, lastMoved };
}

/**
 * The keyed tree of `html` built from `before` by re-parsing only the edited regions, or `null`
 * when only a parse of the whole document gives it (see the module comment).
 */
export function patchKeyedTree(before: KeyedTree, html: string): KeyedTree | null {
  if (!before.body || before.unsafe || html === before.html || quirksOf(html) !== before.quirks) return null;
  const start: Step = {
    text: before.html,
    quirks: before.quirks,
    body: before.body,
    served: before.served,
    blockCount: before.blockCount,
  };
  const edits = editsBetween(before.html, html);
  const first = edits[0] as TextEdit;
  const last = edits[edits.length - 1] as TextEdit;
  // One region over the whole span when the edits do not parse one at a time: they may only
  // parse as they do in place together (a `<div>` opened by one and closed by another).
  const span = { from: first.from, oldTo: last.oldTo, delta: html.length - before.html.length };
  const inTurn = edits.length > 1 ? patchInTurn(start, before.html, html, edits) : null;
  const step = inTurn ?? patchRegion(start, html, span, false);
  if (!step) return null;
  return {
    ...before,
    id: nextTreeId(),
    basis: before.id,
    regions: inTurn ? edits.length : 1,
    html,
    served: step.served,
    body: step.body,
    blockCount: step.blockCount,
  };
}

/**
 * The step to `html` from `start` (whose text is `old`), one edit at a time, first to last: each
 * step re-parses one region of a version that has the edits before it and not those after it,
 * so that every step's tree is the tree of its text (see {@link patchRegion}) and a save costs
 * the sum of its regions. What a step moves keeps the mark an earlier step gave it: everything
 * after the first edit was either re-parsed by an earlier step (changed) or moved by it (carried).
 */
function patchInTurn(start: Step, old: string, html: string, edits: readonly TextEdit[]): Step | null {
  let step: Step | null = start;
  let shift = 0;
  for (const [index, edit] of edits.entries()) {
    const text =
      index === edits.length - 1
        ? html
        : new EditedUpTo(old, html, edit.oldTo + shift + edit.delta, shift + edit.delta);
    step = patchRegion(
      step,
      text,
      { from: edit.from + shift, oldTo: edit.oldTo + shift, delta: edit.delta },
      index > 0,
    );
    if (!step) return null;
    shift += edit.delta;
  }
  return step;
}

/**
 * The step from `before` to `html`, which differs from its text only inside `edit`, re-parsing
 * the units of the innermost keyed container around it, or `null`. With `keep`, what it moves
 * keeps its {@link KeyedNode.carried} mark.
 */
function patchRegion(before: Step, html: TextSlices, edit: TextEdit, keep: boolean): Step | null {
  const body = before.body;
  if (edit.from < body.rawStart || edit.oldTo > body.rawEnd || quirksOf(html.slice(0, 4096)) !== before.quirks) {
    return null;
  }
  const path = enclosing(body.children, edit);
  const container = path[path.length - 1];
  const units = container?.children ?? body.children;
  const content = container
    ? {
        rawFrom: container.rawOpenEnd,
        rawTo: container.rawCloseStart,
        servedFrom: container.openEnd,
        servedTo: container.closeStart,
      }
    : { rawFrom: body.rawStart, rawTo: body.rawEnd, servedFrom: body.start, servedTo: body.end };
  // The region parse opens the enclosing elements by name alone: only containers that keep their
  // children without a `data-block` attribute can stand in for themselves that way.
  if (!path.every((node) => CONTAINERS.has(node.name))) return null;
  const context = [...body.context, ...path.map((node) => node.name)];
  const parentKey = container?.key ?? '';
  let splice = spliceFor(units, edit, content);
  // Without a <body> tag the body starts at the first element, which decides whether there is one.
  if (body.context.length === 0 && !container && splice.first === 0) return null;
  let rekeyed = rekey(before, html, edit, splice, context, parentKey);
  // An inserted or removed unit moved the occurrence index of equal units after it: take them in.
  if (rekeyed && rekeyed.lastMoved >= 0) {
    splice = spliceFor(units, edit, content, rekeyed.lastMoved + 1);
    rekeyed = rekey(before, html, edit, splice, context, parentKey);
    if (rekeyed && rekeyed.lastMoved >= 0) return null;
  }
  if (!rekeyed) return null;
  const servedDelta = rekeyed.served.length - (splice.servedTo - splice.servedFrom);
  const moved = (node: KeyedNode): KeyedNode => shifted(node, servedDelta, edit.delta, keep);
  let children = [...units.slice(0, splice.first), ...rekeyed.nodes, ...units.slice(splice.last).map(moved)];
  // Rebuild the path bottom-up: each container keeps its key only while it still gets keyed children.
  for (let level = path.length - 1; level >= 0; level -= 1) {
    const node = path[level] as KeyedNode;
    const inner = hasBlocks(children);
    if (!bigEnoughToRecurse(node.rawEnd + edit.delta - node.rawStart, inner)) return null;
    const next: KeyedNode = {
      ...node,
      carried: false,
      children,
      hasBlocks: inner,
      closeStart: node.closeStart + servedDelta,
      end: node.end + servedDelta,
      rawCloseStart: node.rawCloseStart + edit.delta,
      rawEnd: node.rawEnd + edit.delta,
    };
    const siblings = level === 0 ? body.children : ((path[level - 1] as KeyedNode).children as KeyedNode[]);
    const index = siblings.indexOf(node);
    children = [...siblings.slice(0, index), next, ...siblings.slice(index + 1).map(moved)];
  }
  return {
    text: html,
    quirks: before.quirks,
    served: before.served.splice(splice.servedFrom, splice.servedTo, rekeyed.served),
    body: { ...body, children, end: body.end + servedDelta, rawEnd: body.rawEnd + edit.delta },
    blockCount: rekeyed.blockCount,
  };
}
