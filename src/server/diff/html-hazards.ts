/**
 * Where a browser's HTML5 parser builds a different tree from htmlparser2's. The keyed tree
 * (`keyed-tree.ts`) only patches a document when none of these occur: a patch is computed on
 * htmlparser2's tree and must land on the browser's, so where the two could disagree the server
 * sends the whole document instead, which the browser parses itself.
 */
import { HEADING_NAMES } from '../../shared/html-elements.js';

/** Elements the browser keeps open across siblings ("active formatting elements"): never left unclosed. */
export const FORMATTING = new Set([
  'a',
  'b',
  'big',
  'code',
  'em',
  'font',
  'i',
  'nobr',
  's',
  'small',
  'strike',
  'strong',
  'tt',
  'u',
]);

/** Start tags that close an open `<p>` in a browser (htmlparser2 closes it only for some, and only when it is the current element). */
export const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'search',
  'section',
  'summary',
  'ul',
  ...HEADING_NAMES,
  'pre',
  'listing',
  'form',
  'li',
  'dd',
  'dt',
  'plaintext',
  'table',
  'hr',
  'xmp',
]);

/** Headings: a heading start tag closes an open heading in a browser, never in htmlparser2. */
export const HEADINGS: ReadonlySet<string> = new Set(HEADING_NAMES);

/**
 * Elements whose content a browser reads as raw text while htmlparser2 parses it as markup (or
 * that a browser renames). `<noscript>` and `<iframe>` are allowed when their content parses
 * cleanly: then it stays inside them in both parsers (see `keyed-tree.ts`).
 */
export const RAW_MISMATCH = new Set(['noembed', 'noframes', 'xmp', 'plaintext', 'image']);

/** Raw-text elements in a browser whose content htmlparser2 parses: it must close where the browser closes it. */
export const RAW_IN_BROWSER = new Set(['noscript', 'iframe']);

/** Start tags a browser ignores outside their table or document context. */
export const CONTEXT_ONLY = new Set([
  'caption',
  'col',
  'colgroup',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'html',
  'head',
  'body',
  'frame',
  'frameset',
]);

/** Table elements whose direct content a browser rearranges ("foster parenting") unless it is one of {@link TABLE_CONTENT}. */
export const TABLE_CONTEXT = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);

/** What may stand directly in a {@link TABLE_CONTEXT} element without being moved. */
export const TABLE_CONTENT = new Set([
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'script',
  'style',
  'template',
]);

/** Elements whose implied (missing) end tag the browser resolves differently. */
export const NO_IMPLIED_CLOSE = new Set([
  ...FORMATTING,
  'table',
  'template',
  'select',
  'button',
  'object',
  'applet',
  'marquee',
  'caption',
  'svg',
  'math',
  'form',
  'noscript',
  'iframe',
]);

/**
 * HTML start tags that break out of `<svg>`/`<math>` in a browser, while htmlparser2 keeps them
 * inside.
 */
export const BREAKS_FOREIGN = new Set([
  'b',
  'big',
  'blockquote',
  'body',
  'br',
  'center',
  'code',
  'dd',
  'div',
  'dl',
  'dt',
  'em',
  'embed',
  ...HEADING_NAMES,
  'head',
  'hr',
  'i',
  'img',
  'li',
  'listing',
  'menu',
  'meta',
  'nobr',
  'ol',
  'p',
  'pre',
  'ruby',
  's',
  'small',
  'span',
  'strong',
  'strike',
  'sub',
  'sup',
  'table',
  'tt',
  'u',
  'ul',
  'var',
  'font',
]);

/** Elements that go to `<head>` when they come first in a document without `<body>`. */
export const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'style', 'script', 'base', 'noscript', 'template']);

/**
 * The HTML parser's "special" elements (WHATWG HTML, "the stack of open elements"): an end tag of
 * any other element never closes one of them in a browser, it is ignored instead.
 */
export const SPECIAL = new Set([
  'address',
  'applet',
  'area',
  'article',
  'aside',
  'base',
  'basefont',
  'bgsound',
  'blockquote',
  'body',
  'br',
  'button',
  'caption',
  'center',
  'col',
  'colgroup',
  'dd',
  'details',
  'dir',
  'div',
  'dl',
  'dt',
  'embed',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'frame',
  'frameset',
  ...HEADING_NAMES,
  'head',
  'header',
  'hgroup',
  'hr',
  'html',
  'iframe',
  'img',
  'input',
  'keygen',
  'li',
  'link',
  'listing',
  'main',
  'marquee',
  'menu',
  'meta',
  'nav',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'ol',
  'p',
  'param',
  'plaintext',
  'pre',
  'script',
  'search',
  'section',
  'select',
  'source',
  'style',
  'summary',
  'table',
  'tbody',
  'td',
  'template',
  'textarea',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'track',
  'ul',
  'wbr',
  'xmp',
]);

/** End tags that may close an open table cell in a browser (the cell's own and the table's parts). */
const CLOSES_CELL = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'table']);

// Elements an end tag does not look past in a browser (WHATWG HTML, "has an element in scope"):
// such an end tag is ignored, where htmlparser2 closes the element to reach its own.
const DEFAULT_SCOPE = ['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template'];
const LIST_ITEM_SCOPE = new Set([...DEFAULT_SCOPE, 'ol', 'ul']);
const BUTTON_SCOPE = new Set([...DEFAULT_SCOPE, 'button']);
const IN_DEFAULT_SCOPE = new Set(DEFAULT_SCOPE);

/** The scope an end tag of `closer` checks before it closes anything. */
function scopeOf(closer: string): ReadonlySet<string> {
  if (closer === 'li') return LIST_ITEM_SCOPE;
  if (closer === 'p') return BUTTON_SCOPE;
  return IN_DEFAULT_SCOPE;
}

/**
 * Why the end tag at `at` in `html`, which htmlparser2 lets close the still-open `<name>` on its way,
 * is read differently by a browser, or `null`. htmlparser2 pops every element up to the one the end
 * tag names; a browser ignores an end tag of an ordinary element when a special one is open above
 * it (`<span><main>…</span>` keeps the `<main>` open), a cell is a scope boundary, and
 * `</li>` does not look past an open list (nor `</p>` past a button).
 */
export function impliedCloseHazard(name: string, html: string, at: number): string | null {
  const match = /^<\/([a-zA-Z][^\s/>]*)/.exec(html.slice(at, at + 64));
  // Closed by a start tag (`<li>` after `<li>`, a block after `<p>`): the start tag's checks apply.
  if (!match) return null;
  const closer = (match[1] as string).toLowerCase();
  if (closer === name) return null;
  if (scopeOf(closer).has(name)) return `</${closer}> cannot reach past <${name}> in browsers`;
  if (SPECIAL.has(name) && !SPECIAL.has(closer)) return `</${closer}> is ignored by browsers while <${name}> is open`;
  if ((name === 'td' || name === 'th') && !CLOSES_CELL.has(closer))
    return `</${closer}> cannot close a table cell in browsers`;
  return null;
}
