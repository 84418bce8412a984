/**
 * Applies a `patch` message's ops to the live DOM, in order. Each element is found by its key
 * (see `PatchOp`); a missing one means the page and the server disagree, and the caller must
 * resync with a full update.
 */
import { BLOCK_ATTRIBUTE, IMPLICIT_KEY_PREFIX, KEY_ATTRIBUTE, type PatchOp } from '../shared/protocol.js';
import { morph } from './morph.js';
import { parseWithNoscriptText } from './noscript-text.js';
import { runScripts } from './run-scripts.js';

/** Outcome of {@link applyOps}. */
export interface PatchResult {
  /** False when an op could not find its element: request a resync. */
  ok: boolean;
  /** The elements inserted or updated (for the highlight). */
  changed: Element[];
}

/** The attribute that holds `key`. */
const keyAttribute = (key: string): string => (key.startsWith(IMPLICIT_KEY_PREFIX) ? KEY_ATTRIBUTE : BLOCK_ATTRIBUTE);

/** The element with `key`, or null. */
export function findBlock(key: string): Element | null {
  return document.querySelector(`[${keyAttribute(key)}="${CSS.escape(key)}"]`);
}

/**
 * Each parent's keyed children, by attribute and key. A splice names its neighbours by key, and
 * walking a page's thousands of body children for them cost milliseconds per save; the index is
 * built on the first lookup, kept up to date by splices, and every hit is checked against the live
 * DOM, so what a page's own scripts move or remove only costs a rebuild.
 */
const childIndex = new WeakMap<Element, Map<string, Element>>();

const indexKey = (name: string, key: string): string => `${name}=${key}`;

/** The child of `parent` with `key`, or null. */
function childWithKey(parent: Element, key: string): Element | null {
  const name = keyAttribute(key);
  const hit = childIndex.get(parent)?.get(indexKey(name, key));
  if (hit && hit.parentNode === parent && hit.getAttribute(name) === key) return hit;
  const index = new Map<string, Element>();
  for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
    indexChild(index, child);
  }
  childIndex.set(parent, index);
  return index.get(indexKey(name, key)) ?? null;
}

/** Adds `child` under its keys, keeping the first child of each key as a walk would find it. */
function indexChild(index: Map<string, Element>, child: Element): void {
  for (const name of [KEY_ATTRIBUTE, BLOCK_ATTRIBUTE]) {
    const key = child.getAttribute(name);
    if (key === null) continue;
    const at = indexKey(name, key);
    const earlier = index.get(at);
    if (!earlier || earlier.parentNode !== child.parentNode) index.set(at, child);
  }
}

/** Whether `node` came from the document (and a splice may remove it) rather than from a script. */
const fromDocument = (node: Node): boolean =>
  !(node instanceof Element) || node.hasAttribute(KEY_ATTRIBUTE) || node.hasAttribute(BLOCK_ATTRIBUTE);

/** Parses HTML in a `<template>`: table rows and list items parse without their context; scripts do not run. */
function parseFragment(html: string): DocumentFragment {
  return parseWithNoscriptText(html, (hidden) => {
    const template = document.createElement('template');
    template.innerHTML = hidden;
    return template.content;
  });
}

/** Replaces the document's nodes between two keyed children; returns the inserted elements, or null. */
function splice(op: Extract<PatchOp, { op: 'spl' }>): Element[] | null {
  const parent = op.parent === undefined ? document.body : findBlock(op.parent);
  if (!parent) return null;
  const first = op.after === undefined ? parent.firstChild : childWithKey(parent, op.after);
  const end = op.before === undefined ? null : childWithKey(parent, op.before);
  if (first === null && op.after !== undefined) return null;
  if (end === null && op.before !== undefined) return null;
  let node = op.after === undefined ? first : (first as Node).nextSibling;
  while (node && node !== end) {
    const next: ChildNode | null = node.nextSibling;
    if (fromDocument(node)) node.remove();
    node = next;
  }
  const fragment = parseFragment(op.html);
  const inserted = Array.from(fragment.children);
  // Inserting adopts the nodes into the page, so `inserted` still names them afterwards.
  parent.insertBefore(fragment, end);
  const index = childIndex.get(parent);
  if (index) for (const element of inserted) indexChild(index, element);
  runScripts(inserted);
  return inserted;
}

/** Applies `ops` in order and stops at the first one that cannot be applied. */
export function applyOps(ops: readonly PatchOp[]): PatchResult {
  const changed: Element[] = [];
  for (const op of ops) {
    if (op.op === 'spl') {
      const inserted = splice(op);
      if (!inserted) return { ok: false, changed };
      changed.push(...inserted);
      continue;
    }
    const target = findBlock(op.key);
    const next = parseFragment(op.html).firstElementChild;
    if (!target || !next) return { ok: false, changed };
    morph(target, next);
    changed.push(target);
  }
  return { ok: true, changed };
}
