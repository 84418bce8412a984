/**
 * Applies a `patch` message's block ops to the live DOM, in order. Each block is found by its
 * `data-block` key; a missing target or anchor means the page and the server disagree, and the
 * caller must resync with a full update.
 */
import { BLOCK_ATTRIBUTE, type PatchOp } from '../shared/protocol.js';
import { morph } from './morph.js';

/** Outcome of {@link applyOps}. */
export interface PatchResult {
  /** False when an op could not find its block: request a resync. */
  ok: boolean;
  /** Keys of the blocks inserted or updated (for the highlight). */
  changed: string[];
}

/** The block with `key`, or null. */
export function findBlock(key: string): Element | null {
  return document.querySelector(`[${BLOCK_ATTRIBUTE}="${CSS.escape(key)}"]`);
}

/** Parses one block's outer HTML; `<template>` parses table rows and list items without context. */
function parseBlock(html: string): Element | null {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild;
}

/** Applies `ops` in order and stops at the first one that cannot be applied. */
export function applyOps(ops: readonly PatchOp[]): PatchResult {
  const changed: string[] = [];
  for (const op of ops) {
    if (op.op === 'del') {
      const target = findBlock(op.key);
      if (!target) return { ok: false, changed };
      target.remove();
      continue;
    }
    const next = parseBlock(op.html);
    if (!next) return { ok: false, changed };
    if (op.op === 'upd') {
      const target = findBlock(op.key);
      if (!target) return { ok: false, changed };
      morph(target, next);
    } else {
      const anchorKey = op.after ?? op.before;
      const anchor = anchorKey === undefined ? null : findBlock(anchorKey);
      if (!anchor) return { ok: false, changed };
      const node = document.importNode(next, true);
      if (op.after !== undefined) anchor.after(node);
      else anchor.before(node);
    }
    changed.push(op.key);
  }
  return { ok: true, changed };
}
