/**
 * Gives any HTML document the keys a patch needs. Each element child of `<body>` (and,
 * recursively, of any large container or `data-block` element with blocks inside) is a unit with
 * a key: its `data-block` value when that is unique, else an implicit key written into the served
 * HTML as a reserved attribute: a hash of the element's outer HTML (or, for a container the
 * differ looks into, of its start tag) plus an occurrence index. Equal keys therefore mean equal
 * content, and the differ can match units by key alone.
 *
 * The tree is htmlparser2's (`keyed-parse.ts`); where a browser would build another one (see
 * `html-hazards.ts`) the tree is marked unsafe and the document is only ever sent whole. The
 * next version's tree is usually built from this one (`keyed-tree-update.ts`).
 */
import { IMPLICIT_KEY_PREFIX } from '../../shared/protocol.js';
import { HEAD_CONTENT } from './html-hazards.js';
import { KeyWriter } from './key-writer.js';
import { parseRaw, quirksOf, type RawElement } from './keyed-parse.js';
import { ServedText } from './served-text.js';

/** One addressable element; offsets point into {@link KeyedTree.served}, `raw*` ones into {@link KeyedTree.html}. */
export interface KeyedNode {
  key: string;
  /** Offset of the `<` of the start tag. */
  start: number;
  /** Offset just past the start tag. */
  openEnd: number;
  /** Offset of the `<` of the end tag. */
  closeStart: number;
  /** Offset just past the end tag. */
  end: number;
  /** Keyed children when the differ may look inside, else `null` (the element is one unit). */
  children: KeyedNode[] | null;
  /** Tag name. */
  name: string;
  /** The implicit key's hash before its occurrence index, or `null` for an explicit key. */
  base: string | null;
  /**
   * Hash of the outer HTML (of the start tag when it has keyed children) and the parent's key, or
   * `null` for an explicit key. It is {@link base} unless siblings repeat it (see `KeyWriter.unit`).
   */
  content: string | null;
  /** Which occurrence of {@link base} among its siblings the node is, from 0. */
  occurrence: number;
  /** Its `data-block` value, usable as a key or not. */
  block: string | undefined;
  /** Whether an element inside it has a `data-block` value. */
  hasBlocks: boolean;
  rawStart: number;
  rawOpenEnd: number;
  rawCloseStart: number;
  rawEnd: number;
  /**
   * True when the node was carried over from the tree this one was built from (its
   * {@link KeyedTree.basis}) with its content unchanged, only moved: the differ need not compare it.
   */
  carried: boolean;
}

/** A document with its units keyed, as the server serves it. */
export interface KeyedTree {
  /** The HTML as written. */
  html: string;
  /** The HTML with implicit keys: what the page loads and what patches are cut from. */
  served: ServedText;
  /** Why the document can only be sent whole, or `null`. */
  unsafe: string | null;
  /** Offsets of the inner HTML of `<head>`, if there is one. */
  head: { start: number; end: number } | null;
  /** Outer HTML of each `<script>` in `<head>`, in order. */
  headScripts: string[];
  /** Outer HTML of each other `<script>`, in order (as written, without keys). */
  bodyScripts: string[];
  /** Everything outside the head's and the body's content: a change there needs a whole update. */
  outside: string;
  /**
   * The body's content range (served offsets, and `raw*` ones into `html`), its units, the
   * whitespace a browser appends to it from after `</body>`, and the names of the elements that
   * enclose its content (`html`, `body`; none when the document has no `<body>` tag).
   */
  body: {
    start: number;
    end: number;
    trailing: string;
    children: KeyedNode[];
    rawStart: number;
    rawEnd: number;
    context: string[];
  } | null;
  /** Whether browsers render it in quirks mode. */
  quirks: boolean;
  /** How often each `data-block` value occurs in the document (not counted in an unsafe tree: it is never keyed). */
  blockCount: ReadonlyMap<string, number>;
  /** Identifies this tree (unique in the process). */
  id: number;
  /** The {@link id} of the tree this one was built from by re-parsing an edited region, or `null`. */
  basis: number | null;
  /**
   * How many regions apart were re-parsed to build this tree from its {@link basis} (0 without
   * one). With one, the text between carried units is the basis's; with more, the text between
   * two carried units may be an edit of its own (see `block-diff.ts`).
   */
  regions: number;
  /**
   * For a tree unsafe because of what its text holds: where the text that decided it ends, with
   * its head and scripts. A version that differs only after this offset, and adds no `<script>`
   * or `<head>` there, is unsafe for the same reason with the same head and scripts
   * (see `keyed-tree-update.ts`). Infinite otherwise.
   */
  unsafeUntil: number;
}

let treeCount = 0;

/** A fresh {@link KeyedTree.id}. */
export function nextTreeId(): number {
  treeCount += 1;
  return treeCount;
}

/**
 * Which `data-block` values can be keys, given how often each occurs: a key the browser would
 * read differently (character references) or that looks implicit, or one that repeats, cannot
 * address one element, so such elements get implicit keys instead.
 */
export function usableKey(blockCount: ReadonlyMap<string, number>): (key: string | undefined) => boolean {
  return (key) =>
    key !== undefined && blockCount.get(key) === 1 && !key.includes('&') && !key.startsWith(IMPLICIT_KEY_PREFIX);
}

function findChild(elements: readonly RawElement[], name: string): RawElement | undefined {
  return elements.find((element) => element.name === name && !element.stray);
}

/** Text between `from` and `to` that is not whitespace, a comment or the `</html>` end tag. */
function onlyWhitespace(text: string): string | null {
  const rest = text.replace(/<!--[\s\S]*?-->|<\/html\s*>/gi, '');
  return rest.trim() === '' ? rest.replace(/[^\s]/g, '') : null;
}

/** Builds the {@link KeyedTree} of `html`. Linear in its size. */
export function buildKeyedTree(html: string): KeyedTree {
  const quirks = quirksOf(html);
  const parsed = parseRaw(html, { quirks });
  const blockCount = parsed.blockCount;

  const rootHtml = findChild(parsed.roots, 'html');
  const top = rootHtml ? rootHtml.children : parsed.roots;
  const headElement = findChild(top, 'head');
  const bodyElement = findChild(top, 'body');
  const headScripts: string[] = [];
  const bodyScripts: string[] = [];
  for (const script of parsed.scripts) {
    let inHead = false;
    for (let at: RawElement | null = script.parent; at; at = at.parent) if (at === headElement) inHead = true;
    (inHead ? headScripts : bodyScripts).push(html.slice(script.start, script.end));
  }
  const head = headElement ? { start: headElement.openEnd, end: headElement.closeStart } : null;
  const whole = (unsafe: string, unsafeUntil = Number.POSITIVE_INFINITY): KeyedTree => ({
    html,
    served: ServedText.of(html),
    unsafe,
    head,
    headScripts,
    bodyScripts,
    outside: html,
    body: null,
    quirks,
    blockCount: new Map(),
    id: nextTreeId(),
    basis: null,
    regions: 0,
    unsafeUntil,
  });
  if (parsed.unsafe) {
    const scriptsEnd = parsed.scripts.reduce((end, script) => Math.max(end, script.end), 0);
    return whole(parsed.unsafe, Math.max(parsed.unsafeAt, scriptsEnd, headElement?.end ?? 0));
  }

  let body: RawElement;
  let contentStart: number;
  let contentEnd: number;
  let before: string;
  let tail: string;
  let context: string[];
  if (bodyElement) {
    body = bodyElement;
    contentStart = body.openEnd;
    contentEnd = body.closeStart;
    // Between the head and <body> only whitespace and comments stay out of the body.
    const gapStart = headElement ? headElement.end : rootHtml ? rootHtml.openEnd : 0;
    if (onlyWhitespace(html.slice(gapStart, body.start)) === null) return whole('content before <body>');
    if (top.some((element) => element !== headElement && element !== bodyElement))
      return whole('elements outside <body>');
    before = html.slice(0, head ? head.start : 0) + html.slice(head ? head.end : 0, contentStart);
    tail = html.slice(contentEnd);
    context = bodyElement.parent ? [bodyElement.parent.name, 'body'] : ['body'];
  } else {
    if (rootHtml || headElement) return whole('no <body> tag');
    const first = parsed.roots[0];
    if (!first || HEAD_CONTENT.has(first.name)) return whole('no body content');
    if (onlyWhitespace(html.slice(0, first.start).replace(/<!doctype[^>]*>/i, '')) === null) {
      return whole('text before the first element');
    }
    body = { ...first, name: 'body', children: parsed.roots, start: first.start, openEnd: first.start };
    contentStart = first.start;
    contentEnd = html.length;
    before = html.slice(0, contentStart);
    tail = '';
    context = [];
  }
  // Whitespace after </body> joins the body's last text in a browser; anything else there is moved.
  const trailing = onlyWhitespace(tail.replace(/^<\/body\s*>/i, ''));
  if (trailing === null) return whole('content after </body>');
  const writer = new KeyWriter(html, usableKey(blockCount));
  const children = writer.units(body, '');
  if (!children) return whole('a child of <body> has no end tag');
  const served = ServedText.of(writer.finish());
  const shift = writer.shift;
  return {
    html,
    served,
    unsafe: null,
    head,
    headScripts,
    bodyScripts,
    outside: `${before}\u0000${tail}`,
    body: {
      start: contentStart,
      end: contentEnd + shift,
      trailing,
      children,
      rawStart: contentStart,
      rawEnd: contentEnd,
      context,
    },
    quirks,
    blockCount,
    id: nextTreeId(),
    basis: null,
    regions: 0,
    unsafeUntil: Number.POSITIVE_INFINITY,
  };
}
