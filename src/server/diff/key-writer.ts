/**
 * Writes the keys of a document's units into its HTML: each unit's `data-block` value when that
 * is usable, else an implicit key under the reserved attribute (a hash of the unit plus which
 * occurrence of that hash among its siblings it is). Works on a whole document or on a region
 * of one (see `keyed-tree-update.ts`).
 */
import { IMPLICIT_KEY_PREFIX, KEY_ATTRIBUTE } from '../../shared/protocol.js';
import { CONTEXT_ONLY } from './html-hazards.js';
import { CONTAINERS, NEVER_RECURSE, type RawElement } from './keyed-parse.js';
import type { KeyedNode } from './keyed-tree.js';
import { hashRange } from './range-hash.js';

/** Containers larger than this get keys on their children, so a patch need not resend them whole. */
export const RECURSE_BYTES = 1024;

/** Where the written text goes in the document (all zero for a whole document). */
export interface KeyWriterPlacement {
  /** Offset in the parsed text where writing starts. */
  from: number;
  /** What to add to a parsed offset (after the shift of inserted keys) for its offset in the served HTML. */
  servedOffset: number;
  /** What to add to a parsed offset for its offset in the document as written. */
  rawOffset: number;
}

/** The key of the `count`-th sibling (from 0) whose implicit hash is `base`. */
export function implicitKey(base: string, count: number): string {
  return IMPLICIT_KEY_PREFIX + (count === 0 ? base : `${base}.${count}`);
}

/** Whether `element` can carry a key: closed by its end tag, not made from a stray end tag, not bound to a table context. */
export function keyable(element: RawElement): boolean {
  return element.closed && !element.stray && !CONTEXT_ONLY.has(element.name);
}

/** Whether `element`'s children can all carry a key. */
export function childrenKeyable(element: RawElement): boolean {
  return element.children.every(keyable);
}

/** Whether a unit this big, with or without `data-block` elements inside, gets keys on its children. */
export function bigEnoughToRecurse(bytes: number, hasBlocks: boolean): boolean {
  return bytes > RECURSE_BYTES || hasBlocks;
}

/** How {@link KeyWriter.unit} keys an element (see {@link KeyWriter.plan}). */
export interface UnitPlan {
  explicit: string | undefined;
  recurse: boolean;
  /** Hash of the outer HTML (of the start tag when `recurse`) and the parent key; `null` with an explicit key. */
  content: string | null;
}

/** What keying a unit needs to know of its siblings; {@link KeyWriter.unit} moves it past the unit. */
export interface Siblings {
  /** How often each hash occurred among the earlier siblings. */
  seen: Map<string, number>;
  /** The previous sibling's link ({@link linkOf}), `''` for the first. */
  previous: string;
  /** Whether a content hash occurs more than once among all the siblings. */
  repeated: (content: string) => boolean;
}

/** What a unit's next sibling pairs its hash with when that repeats: its content hash, or its explicit key. */
export function linkOf(content: string | null, key: string): string {
  return content ?? `#${key}`;
}

/** Keys, insertions and offsets, computed in document order. */
export class KeyWriter {
  private readonly parts: string[] = [];
  private at: number;
  /** Characters inserted so far: parsed offset + shift + placement = served offset. */
  shift = 0;

  constructor(
    private readonly html: string,
    private readonly usable: (key: string | undefined) => boolean,
    private readonly placement: KeyWriterPlacement = { from: 0, servedOffset: 0, rawOffset: 0 },
  ) {
    this.at = placement.from;
  }

  /** The served HTML from the placement's start to `to` (by default the end) once every unit is keyed. */
  finish(to = this.html.length): string {
    this.parts.push(this.html.slice(this.at, to));
    return this.parts.join('');
  }

  /**
   * Keys the element children of `parent` (the units), or returns `null` when one of them cannot
   * carry a key (then `parent` is one unit itself). Writes nothing when it returns `null`.
   */
  units(parent: RawElement, parentKey: string): KeyedNode[] | null {
    if (!childrenKeyable(parent)) return null;
    const plans = parent.children.map((child) => this.plan(child, parentKey));
    const counts = new Map<string, number>();
    for (const plan of plans) if (plan.content !== null) counts.set(plan.content, (counts.get(plan.content) ?? 0) + 1);
    const siblings: Siblings = { seen: new Map(), previous: '', repeated: (content) => (counts.get(content) ?? 0) > 1 };
    return parent.children.map((child, index) => this.unit(child, parentKey, siblings, plans[index]));
  }

  /** What keying `element` takes: its explicit key, whether its children get keys, its content hash. */
  plan(element: RawElement, parentKey: string): UnitPlan {
    const explicit = this.usable(element.block) ? (element.block as string) : undefined;
    const recurse =
      !element.opaque &&
      !NEVER_RECURSE.has(element.name) &&
      (CONTAINERS.has(element.name) || explicit !== undefined) &&
      element.closeStart < element.end &&
      bigEnoughToRecurse(element.end - element.start, element.hasBlocks) &&
      childrenKeyable(element);
    const content =
      explicit !== undefined
        ? null
        : hashRange(
            (recurse ? 'c' : 'l') + parentKey,
            this.html,
            element.start,
            recurse ? element.openEnd : element.end,
          );
    return { explicit, recurse, content };
  }

  /**
   * Keys one unit (see {@link implicitKey}) and moves `siblings` past it. Its hash is that of its
   * outer HTML (of its start tag when its children get keys of their own) and its parent's key;
   * a unit whose outer HTML its siblings repeat (a keyword `<span>` on every line of a listing)
   * also takes in the previous sibling's, so that adding or removing one of them does not shift
   * the occurrence index, and so the key, of every later one.
   */
  unit(
    element: RawElement,
    parentKey: string,
    siblings: Siblings,
    plan: UnitPlan = this.plan(element, parentKey),
  ): KeyedNode {
    const { explicit, recurse, content } = plan;
    let base: string | null = null;
    let occurrence = 0;
    let key: string;
    if (explicit !== undefined || content === null) key = explicit as string;
    else {
      base =
        !recurse && siblings.repeated(content) ? hashRange(siblings.previous, content, 0, content.length) : content;
      occurrence = siblings.seen.get(base) ?? 0;
      siblings.seen.set(base, occurrence + 1);
      key = implicitKey(base, occurrence);
    }
    siblings.previous = linkOf(content, key);
    const { servedOffset, rawOffset } = this.placement;
    const start = element.start + this.shift + servedOffset;
    if (explicit === undefined) {
      const at = element.start + 1 + element.name.length;
      const attribute = ` ${KEY_ATTRIBUTE}="${key}"`;
      this.parts.push(this.html.slice(this.at, at), attribute);
      this.at = at;
      this.shift += attribute.length;
    }
    const openEnd = element.openEnd + this.shift + servedOffset;
    const children = recurse ? this.units(element, key) : null;
    return {
      key,
      start,
      openEnd,
      closeStart: element.closeStart + this.shift + servedOffset,
      end: element.end + this.shift + servedOffset,
      children,
      name: element.name,
      base,
      content,
      occurrence,
      block: element.block,
      hasBlocks: element.hasBlocks,
      rawStart: element.start + rawOffset,
      rawOpenEnd: element.openEnd + rawOffset,
      rawCloseStart: element.closeStart + rawOffset,
      rawEnd: element.end + rawOffset,
      carried: false,
    };
  }
}
