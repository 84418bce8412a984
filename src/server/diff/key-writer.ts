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
    const seen = new Map<string, number>();
    const nodes: KeyedNode[] = [];
    for (const child of parent.children) nodes.push(this.unit(child, parentKey, seen));
    return nodes;
  }

  /**
   * Keys one unit. `seen` counts the implicit hashes of its earlier siblings (and is updated): a
   * hash of the unit's outer HTML (of its start tag when its children get keys of their own) and
   * its parent's key, plus which occurrence of that hash among its siblings it is.
   */
  unit(element: RawElement, parentKey: string, seen: Map<string, number>): KeyedNode {
    const explicit = this.usable(element.block) ? (element.block as string) : undefined;
    const recurse =
      !NEVER_RECURSE.has(element.name) &&
      (CONTAINERS.has(element.name) || explicit !== undefined) &&
      element.closeStart < element.end &&
      bigEnoughToRecurse(element.end - element.start, element.hasBlocks) &&
      childrenKeyable(element);
    let base: string | null = null;
    let occurrence = 0;
    let key: string;
    if (explicit !== undefined) key = explicit;
    else {
      base = hashRange(
        (recurse ? 'c' : 'l') + parentKey,
        this.html,
        element.start,
        recurse ? element.openEnd : element.end,
      );
      occurrence = seen.get(base) ?? 0;
      seen.set(base, occurrence + 1);
      key = implicitKey(base, occurrence);
    }
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
