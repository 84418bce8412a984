/**
 * Builds the block tree of a new version from the previous one when an edit stays inside one
 * block: only that block is parsed again. Parsing a whole 1 MB document costs ~10–20 ms on a
 * small machine, and a typical save changes a few characters of one step, so this keeps the
 * server's share of save-to-screen time nearly independent of document size.
 */
import { type BlockNode, type BlockTree, parseBlockTree } from './block-tree.js';

/** Length of the common prefix of `a` and `b`. */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  // Compare large chunks first (string equality is a memory compare), then finish char by char.
  let at = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (at + step <= limit && a.slice(at, at + step) === b.slice(at, at + step)) at += step;
  }
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at += 1;
  return at;
}

/** Length of the common suffix of `a` and `b`, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let size = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (
      size + step <= limit &&
      a.slice(a.length - size - step, a.length - size) === b.slice(b.length - size - step, b.length - size)
    ) {
      size += step;
    }
  }
  while (size < limit && a.charCodeAt(a.length - 1 - size) === b.charCodeAt(b.length - 1 - size)) size += 1;
  return size;
}

/** The innermost block whose content (between its tags) holds `from..to`. */
function innermostBlock(nodes: readonly BlockNode[], from: number, to: number): BlockNode | undefined {
  let found: BlockNode | undefined;
  let level = nodes;
  for (;;) {
    const inside = level.find((node) => node.openEnd <= from && to <= node.closeStart);
    if (!inside) return found;
    found = inside;
    level = inside.children;
  }
}

function collectKeys(node: BlockNode, into: Set<string>): void {
  into.add(node.key);
  for (const child of node.children) collectKeys(child, into);
}

/**
 * The block tree of `html`, reusing `previous` when the edit lies inside a single block whose
 * tags it does not touch; otherwise (or when the re-parsed block does not check out) a full parse.
 * The result is the same as `parseBlockTree(html)`.
 */
export function updateBlockTree(previous: BlockTree, html: string): BlockTree {
  const old = previous.html;
  if (previous.duplicateKeys || previous.encodedKeys) return parseBlockTree(html);
  const prefix = commonPrefix(old, html);
  const suffix = commonSuffix(old, html, Math.min(old.length, html.length) - prefix);
  const target = innermostBlock(previous.roots, prefix, old.length - suffix);
  if (!target) return parseBlockTree(html);

  const delta = html.length - old.length;
  // The block is parsed inside the elements that are open around it in the document, so an end
  // tag the edit added for one of them closes it here too, and the check below notices.
  const opening = target.context.map((name) => `<${name}>`).join('');
  const fragment = html.slice(target.start, target.end + delta);
  const parsed = parseBlockTree(opening + fragment);
  const root = parsed.roots[0];
  // The block must still be one element with the same key, closed by its own end tag exactly at
  // the end of the same source range: then the parser is back in the state it was in before the
  // block, and the rest of the document parses as before. Otherwise the edit reached beyond the
  // block (an end tag changed, a quote opened) and only a full parse is trustworthy.
  if (
    parsed.roots.length !== 1 ||
    !root ||
    root.key !== target.key ||
    root.start !== opening.length ||
    root.end !== opening.length + fragment.length ||
    root.closeStart === root.end ||
    parsed.duplicateKeys ||
    parsed.encodedKeys ||
    parsed.head !== null
  ) {
    return parseBlockTree(html);
  }
  const oldKeys = new Set<string>();
  collectKeys(target, oldKeys);
  const newKeys = new Set<string>();
  collectKeys(root, newKeys);
  for (const key of newKeys) {
    if (!oldKeys.has(key) && previous.byKey.has(key)) return parseBlockTree(html);
  }

  const byKey = new Map<string, BlockNode>();
  const shift = (offset: number): number => (offset >= target.end ? offset + delta : offset);
  const place = (node: BlockNode, parent: string | null, base: number): BlockNode => {
    const copy: BlockNode = {
      key: node.key,
      start: node.start + base,
      end: node.end + base,
      openEnd: node.openEnd + base,
      closeStart: node.closeStart + base,
      // Parsed inside the synthetic opening tags, so this is already the context in the document.
      context: node.context,
      parent,
      children: [],
    };
    byKey.set(copy.key, copy);
    copy.children = node.children.map((child) => place(child, copy.key, base));
    return copy;
  };
  const copy = (node: BlockNode, parent: string | null): BlockNode => {
    if (node === target) return place(root, parent, target.start - opening.length);
    const moved: BlockNode = {
      key: node.key,
      start: shift(node.start),
      end: shift(node.end),
      openEnd: shift(node.openEnd),
      closeStart: shift(node.closeStart),
      context: node.context,
      parent,
      children: [],
    };
    byKey.set(moved.key, moved);
    moved.children = node.children.map((child) => copy(child, moved.key));
    return moved;
  };
  const roots = previous.roots.map((node) => copy(node, null));
  const head = previous.head ? { start: shift(previous.head.start), end: shift(previous.head.end) } : null;
  return {
    html,
    roots,
    byKey,
    duplicateKeys: false,
    encodedKeys: false,
    head,
    headScripts: previous.headScripts,
  };
}
