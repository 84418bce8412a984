/**
 * The parse behind the keyed tree: htmlparser2's elements with their source offsets, and the first
 * place where a browser would build another tree (see `html-hazards.ts`). A region of a document
 * can be parsed on its own, in the context of its enclosing elements, so that an edit re-parses
 * only what it touched (see `keyed-tree-update.ts`).
 */
import { Parser } from 'htmlparser2';
import { HEADING_NAMES, VOID_ELEMENTS } from '../../shared/html-elements.js';
import { BLOCK_ATTRIBUTE, KEY_ATTRIBUTE } from '../../shared/protocol.js';
import {
  BREAKS_FOREIGN,
  CLOSES_P,
  CONTEXT_ONLY,
  HEADINGS,
  impliedCloseHazard,
  NO_IMPLIED_CLOSE,
  RAW_IN_BROWSER,
  RAW_MISMATCH,
  TABLE_CONTENT,
  TABLE_CONTEXT,
} from './html-hazards.js';
import { LeftOpenAnchor } from './left-open-anchor.js';

/** Containers larger than this get keys on their children, so a patch need not resend them whole. */
export const RECURSE_BYTES = 1024;

/** Containers whose children the differ may key (ordinary flow content, no parser special cases). */
export const CONTAINERS = new Set([
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
  // A code listing is one `<pre><code>` of thousands of lines (rustdoc, Sphinx): keyed inside, an
  // edited line is a small splice. The newline a parser drops after `<pre>` is the differ's care.
  'pre',
  'code',
]);
/** Never looked into, even with `data-block` children: the parser treats their content specially. */
export const NEVER_RECURSE = new Set([
  'p',
  ...HEADING_NAMES,
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

/** One element as htmlparser2 built it; offsets point into the parsed text. */
export interface RawElement {
  name: string;
  start: number;
  openEnd: number;
  closeStart: number;
  end: number;
  /** Closed by its end tag (or void), not by the parser. */
  closed: boolean;
  /** Made from a stray end tag (`</p>`, `</br>`): cannot carry an attribute. */
  stray: boolean;
  /** Its `data-block` value. */
  block: string | undefined;
  /** Whether an element inside it has a `data-block` value. */
  hasBlocks: boolean;
  parent: RawElement | null;
  /** Element children, kept only where {@link keepsChildren} says the key writer may need them. */
  children: RawElement[];
  /** Holds the whole effect of an `<a>` left open (see `left-open-anchor.ts`): one unit, never keyed inside. */
  opaque: boolean;
}

/** What {@link parseRaw} found. */
export interface Parsed {
  /** Elements without a parent. */
  roots: RawElement[];
  /** How often each `data-block` value occurs in the document. */
  blockCount: Map<string, number>;
  /** The first browser/htmlparser2 disagreement, or `null`. */
  unsafe: string | null;
  /**
   * How much of the text decided {@link unsafe}: another text with the same first `unsafeAt`
   * characters is unsafe for the same reason. Infinite when decided at the text's end, or safe.
   */
  unsafeAt: number;
  /** Every `<script>`, in document order. */
  scripts: RawElement[];
  /** For a region parse: where the sentinel after the region opened, or `null` if it never did. */
  sentinel: SentinelState | null;
}

/** The parser's state just after a region (see {@link ParseOptions.region}). */
export interface SentinelState {
  /** Offset of the sentinel's `<`: the region's end unless the region left a tag, comment or raw text open. */
  at: number;
  /** Elements open at that point (the region's enclosing elements when the region closed all of its own). */
  depth: number;
  /** Whether a `<p>` was closed by the parser just before (a following `<table>` lands elsewhere in quirks mode). */
  impliedP: boolean;
}

/** How {@link parseRaw} reads its input. */
export interface ParseOptions {
  /** Quirks mode; by default read from the text's doctype. */
  quirks?: boolean;
  /**
   * The text is a region of a larger document, not a whole one: it is followed by a sentinel
   * element (to learn the tokenizer's state at its end) and never ended, so nothing is closed
   * because the text runs out.
   */
  region?: boolean;
  /**
   * How many elements the region's text opens first (its enclosing elements): an `<a>` left open
   * must do all it does inside the region's own elements.
   * @default 0
   */
  context?: number;
}

/** Whether a browser renders `html` in quirks mode (no doctype before the first tag). */
export function quirksOf(html: string): boolean {
  return !/^(?:\s|<!--[\s\S]*?-->)*<!doctype\s/i.test(html.slice(0, 4096));
}

/** Tag name of the element written after a region; a custom element no document can mean. */
const SENTINEL = 'sop-region-end-';

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
export function keepsChildren(element: RawElement): boolean {
  return (
    element.name === 'html' ||
    element.name === 'body' ||
    (!NEVER_RECURSE.has(element.name) && (CONTAINERS.has(element.name) || element.block !== undefined))
  );
}

/** Parses `html` into elements with source offsets, noting the first browser/htmlparser2 disagreement. */
export function parseRaw(html: string, options: ParseOptions = {}): Parsed {
  const roots: RawElement[] = [];
  const stack: RawElement[] = [];
  const scripts: RawElement[] = [];
  const blockCount = new Map<string, number>();
  const quirks = options.quirks ?? quirksOf(html);
  let sentinel: SentinelState | null = null;
  let unsafe: string | null = null;
  let unsafeAt = Number.POSITIVE_INFINITY;
  // After each token: the first disagreement was decided on the text read so far, plus the
  // 64 characters `impliedCloseHazard` looks ahead (at the end, on all of it).
  const decided = (): void => {
    if (unsafe !== null && unsafeAt === Number.POSITIVE_INFINITY && !ending) {
      unsafeAt = Math.max(parser.endIndex + 1, parser.startIndex + 64);
    }
  };
  let impliedP = false;
  let ending = false;
  let rawDepth = 0;
  const open: OpenCounts = new Map();
  const anchor = new LeftOpenAnchor(options.context ?? 0);
  // Where the last token htmlparser2 reported ended: what lies between two tokens is only looked
  // at while an `<a>` left open is followed (an `</a>` htmlparser2 ignored, see `LeftOpenAnchor`).
  let lastEnd = 0;
  const gap = (): string => {
    const between = anchor.active && parser.startIndex > lastEnd ? html.slice(lastEnd, parser.startIndex) : '';
    lastEnd = parser.endIndex + 1;
    return between;
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const start = parser.startIndex;
        if (name === SENTINEL) {
          sentinel ??= { at: start, depth: stack.length, impliedP };
          return;
        }
        const between = gap();
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
          opaque: false,
        };
        if (unsafe === null) unsafe = anchor.start(name, element, stack, between);
        if (!parent) roots.push(element);
        else if (keepsChildren(parent)) parent.children.push(element);
        if (element.block !== undefined) blockCount.set(element.block, (blockCount.get(element.block) ?? 0) + 1);
        if (name === 'script') scripts.push(element);
        stack.push(element);
        countOpen(open, name, 1);
        decided();
      },
      ontext(text) {
        const parent = stack[stack.length - 1];
        const between = gap();
        if (unsafe === null) unsafe = anchor.text(text, stack, between);
        if (unsafe === null && parent && TABLE_CONTEXT.has(parent.name) && text.trim() !== '') {
          unsafe = `text directly inside <${parent.name}> (moved out of the table by browsers)`;
        }
        decided();
      },
      onclosetag(name, isImplied) {
        const between = gap();
        const element = stack.pop();
        if (!element) return;
        countOpen(open, element.name, -1);
        if (unsafe === null) unsafe = anchor.close(element, stack, between);
        if (RAW_IN_BROWSER.has(name)) {
          rawDepth -= 1;
          // The browser ends the raw text at the first `</noscript>`: so must htmlparser2's element.
          const content = html.slice(element.openEnd, isImplied ? element.openEnd : parser.startIndex);
          if (unsafe === null && new RegExp(`</${name}`, 'i').test(content))
            unsafe = `<${name}> ends early in browsers`;
        }
        const isVoid = VOID_ELEMENTS.has(name);
        if (!isImplied || isVoid) {
          element.end = parser.endIndex + 1;
          element.closeStart = isImplied ? element.end : parser.startIndex;
          element.closed = true;
        } else {
          element.end = ending ? html.length : parser.startIndex;
          element.closeStart = element.end;
          if (name === 'a' && !ending) {
            // Closed by its parent's end tag: a browser may reopen it, which the tracker follows.
            if (unsafe === null) {
              unsafe =
                impliedCloseHazard(name, html, parser.startIndex) ??
                anchor.begin(stack, html.charCodeAt(parser.startIndex + 1) === 47 /* "/" */);
            }
          } else {
            if (unsafe === null && NO_IMPLIED_CLOSE.has(name)) unsafe = `<${name}> is not closed`;
            if (unsafe === null && !ending) unsafe = impliedCloseHazard(name, html, parser.startIndex);
          }
          if (name === 'p') impliedP = true;
        }
        if ((element.block !== undefined || element.hasBlocks) && element.parent) element.parent.hasBlocks = true;
        decided();
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  if (options.region) parser.write(`<${SENTINEL}>`);
  else {
    ending = true;
    parser.end();
  }
  if (unsafe === null) unsafe = anchor.finish();
  return {
    roots,
    blockCount,
    unsafe,
    unsafeAt: unsafe === null ? Number.POSITIVE_INFINITY : unsafeAt,
    scripts,
    sentinel,
  };
}
