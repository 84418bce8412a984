/**
 * Gives any HTML document the keys a patch needs. Each element child of `<body>` (and,
 * recursively, of any large container or `data-block` element with blocks inside) is a unit with
 * a key: its `data-block` value when that is unique, else an implicit key written into the served
 * HTML as a reserved attribute: a hash of the element's outer HTML (or, for a container the
 * differ looks into, of its start tag) plus an occurrence index. Equal keys therefore mean equal
 * content, and the differ can match units by key alone.
 *
 * The tree is htmlparser2's; where a browser would build another one (see `html-hazards.ts`) the
 * tree is marked unsafe and the document is only ever sent whole.
 */
import { Parser } from 'htmlparser2';
import { BLOCK_ATTRIBUTE, IMPLICIT_KEY_PREFIX, KEY_ATTRIBUTE } from '../../shared/protocol.js';
import {
  BREAKS_FOREIGN,
  CLOSES_P,
  CONTEXT_ONLY,
  HEAD_CONTENT,
  HEADINGS,
  impliedCloseHazard,
  NO_IMPLIED_CLOSE,
  RAW_IN_BROWSER,
  RAW_MISMATCH,
  TABLE_CONTENT,
  TABLE_CONTEXT,
} from './html-hazards.js';
import { hashRange } from './range-hash.js';

/** One addressable element; offsets point into {@link KeyedTree.served}. */
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
}

/** A document with its units keyed, as the server serves it. */
export interface KeyedTree {
  /** The HTML as written. */
  html: string;
  /** The HTML with implicit keys: what the page loads and what patches are cut from. */
  served: string;
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
  /** The body's content range, its units and the whitespace a browser appends to it from after `</body>`. */
  body: { start: number; end: number; trailing: string; children: KeyedNode[] } | null;
}

/** Containers larger than this get keys on their children, so a patch need not resend them whole. */
export const RECURSE_BYTES = 1024;

// Containers whose children the differ may key (ordinary flow content, no parser special cases).
const CONTAINERS = new Set([
  'div',
  'main',
  'section',
  'article',
  'aside',
  'nav',
  'header',
  'footer',
  'ul',
  'ol',
  'dl',
  'blockquote',
  'details',
  'figure',
  'menu',
  'li',
  'dd',
  'hgroup',
  'search',
  'address',
]);
// Never looked into, even with `data-block` children: the parser treats their content specially.
const NEVER_RECURSE = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'listing',
  'textarea',
  'table',
  'caption',
  'colgroup',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'select',
  'option',
  'optgroup',
  'template',
  'svg',
  'math',
  'script',
  'style',
  'title',
  'a',
  'button',
  'form',
  'object',
  'ruby',
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

interface RawElement {
  name: string;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  /** Closed by its end tag (or void), not by the parser. */
  closed: boolean;
  /** Made from a stray end tag (`</p>`, `</br>`): cannot carry an attribute. */
  stray: boolean;
  block: string | undefined;
  hasBlocks: boolean;
  parent: RawElement | null;
  /** Element children, kept only where {@link keepsChildren} says the key writer may need them. */
  children: RawElement[];
}

interface Parsed {
  roots: RawElement[];
  /** How often each `data-block` value occurs in the document. */
  blockCount: Map<string, number>;
  unsafe: string | null;
  scripts: RawElement[];
}

function lastIndexOf(stack: readonly RawElement[], names: ReadonlySet<string>): number {
  for (let i = stack.length - 1; i >= 0; i -= 1) if (names.has((stack[i] as RawElement).name)) return i;
  return -1;
}

const LISTS = new Set(['ul', 'ol', 'menu']);
const LIST_ITEM = new Set(['li']);
const DEFINITIONS = new Set(['dl']);
const DEFINITION_ITEMS = new Set(['dd', 'dt']);
const SELECT_CONTENT = new Set(['option', 'optgroup', 'hr', 'script', 'template']);
const SELF_NESTING = new Set(['a', 'nobr', 'form', 'button']);

/**
 * The groups whose being open changes where a start tag lands, by member: headings count as one
 * (a heading inside any heading), `svg`/`math` as one, the rest each as itself.
 */
const OPEN_GROUP = new Map<string, string>([
  ['p', 'p'],
  ['select', 'select'],
  ['svg', 'foreign'],
  ['math', 'foreign'],
  ...[...HEADINGS].map((name): [string, string] => [name, 'heading']),
  ...[...SELF_NESTING].map((name): [string, string] => [name, name]),
]);

/**
 * How many elements of each {@link OPEN_GROUP} are open: an O(1) "is one open?" where scanning
 * the stack (or a map per name) cost per tag. Other elements never touch it.
 */
type OpenCounts = Map<string, number>;

function isOpen(open: OpenCounts, group: string): boolean {
  return (open.get(group) ?? 0) > 0;
}

function countOpen(open: OpenCounts, name: string, by: number): void {
  const group = OPEN_GROUP.get(name);
  if (group !== undefined) open.set(group, (open.get(group) ?? 0) + by);
}

/** Why a start tag would land elsewhere in a browser, or `null`. */
function startHazard(
  name: string,
  stack: readonly RawElement[],
  open: OpenCounts,
  quirks: boolean,
  impliedP: boolean,
): string | null {
  const parent = stack[stack.length - 1];
  if (RAW_MISMATCH.has(name)) return `<${name}> is parsed differently by browsers`;
  if (name === 'frame' || name === 'frameset') return `<${name}>`;
  if (CONTEXT_ONLY.has(name) && name !== 'html' && name !== 'head' && name !== 'body') {
    const p = parent?.name;
    const ok =
      (name === 'td' || name === 'th'
        ? p === 'tr'
        : name === 'tr'
          ? p === 'table' || p === 'tbody' || p === 'thead' || p === 'tfoot'
          : name === 'col'
            ? p === 'colgroup' || p === 'table'
            : p === 'table') || p === 'template';
    if (!ok) return `<${name}> outside its table context`;
  }
  if (parent && TABLE_CONTEXT.has(parent.name) && !TABLE_CONTENT.has(name) && name !== 'input' && name !== 'form') {
    return `<${name}> directly inside <${parent.name}> (moved out of the table by browsers)`;
  }
  if (CLOSES_P.has(name) && isOpen(open, 'p')) return `<${name}> inside an open <p>`;
  if (HEADINGS.has(name) && isOpen(open, 'heading')) return `<${name}> inside a heading`;
  if (SELF_NESTING.has(name) && isOpen(open, name)) return `nested <${name}>`;
  if (name === 'li' && lastIndexOf(stack, LIST_ITEM) > lastIndexOf(stack, LISTS)) return 'nested <li> without a list';
  if (DEFINITION_ITEMS.has(name) && lastIndexOf(stack, DEFINITION_ITEMS) > lastIndexOf(stack, DEFINITIONS)) {
    return `nested <${name}> without a <dl>`;
  }
  if (BREAKS_FOREIGN.has(name) && isOpen(open, 'foreign')) return `<${name}> inside <svg>/<math>`;
  if (!SELECT_CONTENT.has(name) && isOpen(open, 'select')) return `<${name}> inside <select>`;
  if (quirks && name === 'table' && impliedP) return '<table> after an unclosed <p> in quirks mode';
  return null;
}

/**
 * Whether the key writer may look at `element`'s children (see {@link KeyWriter.unit}). Only those
 * elements keep their children: the rest of a big page's elements then die young instead of being
 * copied through every garbage collection, which cost more than the parse itself.
 */
function keepsChildren(element: RawElement): boolean {
  return (
    element.name === 'html' ||
    element.name === 'body' ||
    (!NEVER_RECURSE.has(element.name) && (CONTAINERS.has(element.name) || element.block !== undefined))
  );
}

/** Parses `html` into elements with source offsets, noting the first browser/htmlparser2 disagreement. */
function parseRaw(html: string): Parsed {
  const roots: RawElement[] = [];
  const stack: RawElement[] = [];
  const scripts: RawElement[] = [];
  const blockCount = new Map<string, number>();
  const quirks = !/^(?:\s|<!--[\s\S]*?-->)*<!doctype\s/i.test(html.slice(0, 4096));
  let unsafe: string | null = null;
  let impliedP = false;
  let ending = false;
  let rawDepth = 0;
  const open: OpenCounts = new Map();
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const start = parser.startIndex;
        if (unsafe === null) {
          if (attribs[KEY_ATTRIBUTE] !== undefined)
            unsafe = `the document uses the reserved ${KEY_ATTRIBUTE} attribute`;
          // Inside raw text (for the browser) only the end tag's position matters, checked on close.
          else if (rawDepth === 0) unsafe = startHazard(name, stack, open, quirks, impliedP);
          else if (name === 'script' || name === 'style') unsafe = `<${name}> inside raw text`;
        }
        if (RAW_IN_BROWSER.has(name)) rawDepth += 1;
        impliedP = false;
        const parent = stack[stack.length - 1] ?? null;
        const element: RawElement = {
          name,
          start,
          openEnd: parser.endIndex + 1,
          closeStart: start,
          end: start,
          closed: false,
          stray: html.charCodeAt(start + 1) === 47 /* "/" */,
          block: attribs[BLOCK_ATTRIBUTE],
          hasBlocks: false,
          parent,
          children: [],
        };
        if (!parent) roots.push(element);
        else if (keepsChildren(parent)) parent.children.push(element);
        if (element.block !== undefined) blockCount.set(element.block, (blockCount.get(element.block) ?? 0) + 1);
        if (name === 'script') scripts.push(element);
        stack.push(element);
        countOpen(open, name, 1);
      },
      ontext(text) {
        const parent = stack[stack.length - 1];
        if (unsafe === null && parent && TABLE_CONTEXT.has(parent.name) && text.trim() !== '') {
          unsafe = `text directly inside <${parent.name}> (moved out of the table by browsers)`;
        }
      },
      onclosetag(name, isImplied) {
        const element = stack.pop();
        if (!element) return;
        countOpen(open, element.name, -1);
        if (RAW_IN_BROWSER.has(name)) {
          rawDepth -= 1;
          // The browser ends the raw text at the first `</noscript>`: so must htmlparser2's element.
          const content = html.slice(element.openEnd, isImplied ? element.openEnd : parser.startIndex);
          if (unsafe === null && new RegExp(`</${name}`, 'i').test(content))
            unsafe = `<${name}> ends early in browsers`;
        }
        const isVoid = VOID.has(name);
        if (!isImplied || isVoid) {
          element.end = parser.endIndex + 1;
          element.closeStart = isImplied ? element.end : parser.startIndex;
          element.closed = true;
        } else {
          element.end = ending ? html.length : parser.startIndex;
          element.closeStart = element.end;
          if (unsafe === null && NO_IMPLIED_CLOSE.has(name)) unsafe = `<${name}> is not closed`;
          if (unsafe === null && !ending) unsafe = impliedCloseHazard(name, html, parser.startIndex);
          if (name === 'p') impliedP = true;
        }
        if ((element.block !== undefined || element.hasBlocks) && element.parent) element.parent.hasBlocks = true;
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  ending = true;
  parser.end();
  return { roots, blockCount, unsafe, scripts };
}

/** Keys, insertions and offsets, computed in document order. */
class KeyWriter {
  private readonly parts: string[] = [];
  private at = 0;
  /** Characters inserted so far: raw offset + shift = served offset. */
  shift = 0;

  constructor(
    private readonly html: string,
    private readonly usable: (key: string | undefined) => boolean,
  ) {}

  /** The served HTML once every unit is keyed. */
  finish(): string {
    this.parts.push(this.html.slice(this.at));
    return this.parts.join('');
  }

  /**
   * Keys the element children of `parent` (the units), or returns `null` when one of them cannot
   * carry a key (then `parent` is one unit itself). Writes nothing when it returns `null`.
   */
  units(parent: RawElement, parentKey: string): KeyedNode[] | null {
    for (const child of parent.children) {
      if (!child.closed || child.stray || CONTEXT_ONLY.has(child.name)) return null;
    }
    const seen = new Map<string, number>();
    const nodes: KeyedNode[] = [];
    for (const child of parent.children) nodes.push(this.unit(child, parentKey, seen));
    return nodes;
  }

  /**
   * A hash of the unit's outer HTML (of its start tag when its children get keys of their own)
   * and its parent's key, plus which occurrence of that hash among its siblings it is.
   */
  private implicitKey(element: RawElement, recurse: boolean, parentKey: string, seen: Map<string, number>): string {
    const base = hashRange(
      (recurse ? 'c' : 'l') + parentKey,
      this.html,
      element.start,
      recurse ? element.openEnd : element.end,
    );
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}.${count}`;
  }

  private unit(element: RawElement, parentKey: string, seen: Map<string, number>): KeyedNode {
    const explicit = this.usable(element.block) ? (element.block as string) : undefined;
    const recurse =
      !NEVER_RECURSE.has(element.name) &&
      (CONTAINERS.has(element.name) || explicit !== undefined) &&
      element.closeStart < element.end &&
      (element.end - element.start > RECURSE_BYTES || element.hasBlocks) &&
      element.children.every((child) => child.closed && !child.stray && !CONTEXT_ONLY.has(child.name));
    const key = explicit ?? IMPLICIT_KEY_PREFIX + this.implicitKey(element, recurse, parentKey, seen);
    const start = element.start + this.shift;
    if (explicit === undefined) {
      const at = element.start + 1 + element.name.length;
      const attribute = ` ${KEY_ATTRIBUTE}="${key}"`;
      this.parts.push(this.html.slice(this.at, at), attribute);
      this.at = at;
      this.shift += attribute.length;
    }
    const openEnd = element.openEnd + this.shift;
    const children = recurse ? this.units(element, key) : null;
    return {
      key,
      start,
      openEnd,
      closeStart: element.closeStart + this.shift,
      end: element.end + this.shift,
      children,
    };
  }
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
  const parsed = parseRaw(html);
  const keyCount = parsed.blockCount;
  // A key the browser would read differently (character references) or that looks implicit, or
  // one that repeats, cannot address one element: such elements get implicit keys instead.
  const usable = (key: string | undefined): boolean =>
    key !== undefined && keyCount.get(key) === 1 && !key.includes('&') && !key.startsWith(IMPLICIT_KEY_PREFIX);

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
  const whole = (unsafe: string): KeyedTree => ({
    html,
    served: html,
    unsafe,
    head,
    headScripts,
    bodyScripts,
    outside: html,
    body: null,
  });
  if (parsed.unsafe) return whole(parsed.unsafe);

  let body: RawElement;
  let contentStart: number;
  let contentEnd: number;
  let before: string;
  let tail: string;
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
  }
  // Whitespace after </body> joins the body's last text in a browser; anything else there is moved.
  const trailing = onlyWhitespace(tail.replace(/^<\/body\s*>/i, ''));
  if (trailing === null) return whole('content after </body>');
  const writer = new KeyWriter(html, usable);
  writer.shift = 0;
  const children = writer.units(body, '');
  if (!children) return whole('a child of <body> has no end tag');
  const served = writer.finish();
  const shift = writer.shift;
  return {
    html,
    served,
    unsafe: null,
    head,
    headScripts,
    bodyScripts,
    outside: `${before}\u0000${tail}`,
    body: { start: contentStart, end: contentEnd + shift, trailing, children },
  };
}
