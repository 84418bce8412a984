/**
 * A parsed HTML page that still knows its source text: every node carries its start and end
 * offsets, so an unchanged subtree is compared and copied as a slice of the original instead of
 * being serialized again (what keeps a 1 MB redline within its time budget).
 *
 * @packageDocumentation
 */
import { type ChildNode, type Document, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { VOID_ELEMENTS } from '../shared/html-elements.js';

/** A page and the text it was parsed from. */
export interface HtmlSource {
  html: string;
  document: Document;
}

/** Parses `html`, keeping source offsets on every node. */
export function parseSource(html: string): HtmlSource {
  return { html, document: parseDocument(html, { withStartIndices: true, withEndIndices: true }) };
}

/** The source text of `node` (its outer HTML as written). */
export function sourceOf(source: HtmlSource, node: ChildNode): string {
  const start = node.startIndex ?? 0;
  const end = node.endIndex ?? start - 1;
  return source.html.slice(start, end + 1);
}

/** The source text between `element`'s start and end tags. */
export function innerSourceOf(source: HtmlSource, element: Element): string {
  const first = element.children[0];
  const last = element.children[element.children.length - 1];
  if (!first || !last) return '';
  return source.html.slice(first.startIndex ?? 0, (last.endIndex ?? -1) + 1);
}

/** The element's `data-block` key, if it has one. */
export function blockKey(node: ChildNode): string | undefined {
  return isTag(node) ? node.attribs['data-block'] : undefined;
}

/** Every keyed element of the tree, by key (the first one wins when a page repeats a key). */
export function indexKeys(root: Document | Element): Map<string, Element> {
  const keys = new Map<string, Element>();
  const visit = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      const key = node.attribs['data-block'];
      if (key !== undefined && !keys.has(key)) keys.set(key, node);
      visit(node.children);
    }
  };
  visit(root.children);
  return keys;
}

const keyIndexes = new WeakMap<HtmlSource, Map<string, Element>>();

/**
 * {@link indexKeys} of a parsed page, computed once per page: the base of a live redline is
 * indexed once, not at every save. (A page is never changed after parsing, except by
 * `reparse()`, which returns a new `HtmlSource`.)
 */
export function keysOf(source: HtmlSource): Map<string, Element> {
  let keys = keyIndexes.get(source);
  if (!keys) {
    keys = indexKeys(source.document);
    keyIndexes.set(source, keys);
  }
  return keys;
}

/** The first element named `name` in document order. */
export function findElement(root: Document | Element, name: string): Element | undefined {
  for (const node of root.children) {
    if (!isTag(node)) continue;
    if (node.name === name) return node;
    const found = findElement(node, name);
    if (found) return found;
  }
  return undefined;
}

/** The decoded text of a subtree, whitespace as written. */
export function textOf(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node)) return '';
  let text = '';
  for (const child of node.children) text += textOf(child);
  return text;
}

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A start tag for `element` with its attributes, plus `extra` ones (which win). */
export function startTag(element: Element, extra: Record<string, string> = {}): string {
  let tag = `<${element.name}`;
  const attributes = { ...element.attribs, ...extra };
  for (const [name, value] of Object.entries(attributes)) {
    tag += value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  return `${tag}>`;
}

/** The end tag of `element` (empty for void elements). */
export function endTag(element: Element): string {
  return VOID_ELEMENTS.has(element.name) ? '' : `</${element.name}>`;
}
