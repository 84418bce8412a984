/**
 * Stable `data-block` keys. They never depend on position, so inserting a step leaves every other
 * key alone and the live preview patches one block. Steps use their explicit `id`, else a hash of
 * their own text (identical texts get `-2`, `-3` in document order); modules use their type, free
 * sections their title.
 *
 * @packageDocumentation
 */
import type { SopModule, SopStep } from './model.js';

/** FNV-1a, 32 bit, base 36: short, fast and stable across runs and platforms. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}

/** Lower-case words joined by `-`, at most 40 characters, for readable keys and anchors. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** Hands out unique keys for one document render. */
export class BlockKeys {
  private readonly used = new Set<string>(['meta', 'toc']);

  private unique(base: string): string {
    let key = base;
    for (let n = 2; this.used.has(key); n++) key = `${base}-${n}`;
    this.used.add(key);
    return key;
  }

  /** Key of a module: its type, or `section-<title>` for free sections. */
  module(module: SopModule): string {
    return this.unique(module.type === 'section' ? `section-${slug(module.title) || 'untitled'}` : module.type);
  }

  /** Key of a step: `step-<id>` or `s-<hash of its text>`. */
  step(step: SopStep): string {
    return this.unique(step.id === undefined ? `s-${hashText(step.text)}` : `step-${step.id}`);
  }

  /** Key for anything else (e.g. a Markdown page's sections), made unique. */
  other(base: string): string {
    return this.unique(base);
  }
}
