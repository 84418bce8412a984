/**
 * What the redline needs to know about HTML element kinds: where text may not go (so no
 * `<ins>`/`<del>` is ever placed there, which would make the parser move it), what is inline, and
 * what is compared as a unit.
 *
 * @packageDocumentation
 */
import { type ChildNode, type Element, isTag } from 'domhandler';
import { HEADING_NAMES } from '../shared/html-elements.js';

/** Elements whose content model allows no text: a wrapper placed here would be foster-parented. */
export const STRUCTURAL = new Set([
  'html',
  'head',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'colgroup',
  'ol',
  'ul',
  'menu',
  'dl',
  'select',
  'optgroup',
  'datalist',
  'picture',
  'audio',
  'video',
  'frameset',
]);

/** Inline (phrasing) elements: text inside them is diffed word by word. */
const PHRASING = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'br',
  'cite',
  'code',
  'data',
  'dfn',
  'em',
  'i',
  'img',
  'input',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
  'wbr',
  'del',
  'ins',
]);

/** Replaced content: an image is shown as removed and inserted, never diffed inside. */
export const UNITS = new Set([
  'img',
  'svg',
  'video',
  'audio',
  'picture',
  'iframe',
  'canvas',
  'object',
  'embed',
  'math',
]);

/**
 * Elements whose content is raw text (scripts, styles) or not part of the page's text: never
 * marked inside (an `<ins>` there would become part of the script), shown as the new revision has
 * them.
 */
export const OPAQUE = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'template',
  'noscript',
  'xmp',
  'noembed',
  'noframes',
]);

/** Block elements that carry a change bar on pages (or parts of pages) without keys. */
export const BLOCKS = new Set([
  'p',
  ...HEADING_NAMES,
  'div',
  'section',
  'article',
  'aside',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'dd',
  'dt',
  'header',
  'footer',
  'nav',
  'main',
  'details',
  'summary',
  'address',
  'fieldset',
  'form',
]);

/** Whether `node` is an inline element. */
export function isPhrasing(node: ChildNode): boolean {
  return isTag(node) && PHRASING.has(node.name);
}

/**
 * Whether `element` holds only text and inline elements without keys: its content is then
 * diffed as a run of words and tags instead of child by child.
 */
export function isTextContainer(element: Element): boolean {
  if (STRUCTURAL.has(element.name) || UNITS.has(element.name) || OPAQUE.has(element.name)) return false;
  const inline = (nodes: ChildNode[]): boolean =>
    nodes.every(
      (node) =>
        !isTag(node) || (PHRASING.has(node.name) && node.attribs['data-block'] === undefined && inline(node.children)),
    );
  return inline(element.children);
}
