/**
 * Parses a page after an edit by parsing only the element the edit falls in. The live preview
 * redlines every save of a document against the same base, and parsing the whole new page was
 * most of a redline's cost; a save changes one place, so the text before and after it is the
 * previous page's, and so is its tree.
 *
 * The element is parsed inside its ancestors' start tags, so htmlparser2 sees the same open
 * elements as in the whole page; the result is kept only when that element still spans exactly
 * its new text (nothing inside it closed an ancestor or left it early). Anything else falls back
 * to a full parse, so the tree is always the one `parseSource()` would build.
 *
 * @packageDocumentation
 */
import { type ChildNode, type Document, type Element, isTag, isText, type ParentNode } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { type HtmlSource, parseSource } from './html-source.js';

/** Elements whose content htmlparser2 reads as raw text or foreign markup: an edit inside is parsed with the whole page. */
const NOT_ENTERED = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'svg', 'math']);

/** Length of the common prefix of `a` and `b` (compared in chunks: a save changes a few bytes of a megabyte). */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let at = 0;
  for (let chunk = 4096; chunk >= 1; chunk >>= 3) {
    while (at + chunk <= max && a.slice(at, at + chunk) === b.slice(at, at + chunk)) at += chunk;
  }
  return at;
}

/** Length of the common suffix of `a` and `b`, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let at = 0;
  for (let chunk = 4096; chunk >= 1; chunk >>= 3) {
    while (
      at + chunk <= max &&
      a.slice(a.length - at - chunk, a.length - at) === b.slice(b.length - at - chunk, b.length - at)
    )
      at += chunk;
  }
  return at;
}

const start = (node: ChildNode): number => node.startIndex ?? -1;
const end = (node: ChildNode): number => node.endIndex ?? -1;

/**
 * The innermost node (element or the document) whose content holds `[from, to)` of `html`
 * strictly between its tags; the document when no element does.
 */
function enclosing(html: string, root: Document, from: number, to: number): ParentNode {
  let parent: ParentNode = root;
  for (;;) {
    const child: ChildNode | undefined = parent.children.find(
      (node) => isTag(node) && start(node) < from && end(node) >= to,
    );
    if (!child || !isTag(child) || NOT_ENTERED.has(child.name)) return parent;
    const first = child.children[0];
    const last = child.children[child.children.length - 1];
    if (!first || !last || !explicitlyClosed(html, child) || start(first) > from || end(last) + 1 < to) return parent;
    parent = child;
  }
}

/** Whether `element` ends with its own end tag (not closed by what follows it). */
function explicitlyClosed(html: string, element: Element): boolean {
  const closing = `</${element.name}>`;
  return html.slice(end(element) + 1 - closing.length, end(element) + 1).toLowerCase() === closing;
}

/** Adds `by` to the offsets of `node` and everything inside it. */
function shift(node: ChildNode, by: number): void {
  if (node.startIndex !== null) node.startIndex += by;
  if (node.endIndex !== null) node.endIndex += by;
  if ('children' in node) for (const child of node.children) shift(child, by);
}

/**
 * Parsed after the segment: it shows that the segment ends between tokens (a tag, comment or
 * raw-text element left open would swallow it) and closes nothing (no implied-close rule names it).
 */
const SENTINEL = '<rl-sentinel></rl-sentinel>';

/**
 * `segment`, the new text of some children of `parent`, parsed inside the start tags of `parent`
 * and its ancestors (names only: the open elements are what decide how htmlparser2 builds the
 * inside), or undefined unless it comes out as nodes spanning exactly `segment`, each element
 * closed by its own end tag, and leaves the parser as it found it.
 */
function parseInPlace(parent: ParentNode, segment: string): ChildNode[] | undefined {
  const names: string[] = [];
  for (let at: ParentNode | null = parent; at && isTag(at); at = at.parent) names.unshift(at.name);
  const open = names.map((name) => `<${name}>`).join('');
  const html =
    open +
    segment +
    SENTINEL +
    [...names]
      .reverse()
      .map((name) => `</${name}>`)
      .join('');
  let inner: ParentNode = parseDocument(html, { withStartIndices: true, withEndIndices: true });
  for (const name of names) {
    const only: ChildNode | undefined = inner.children[0];
    if (inner.children.length !== 1 || !only || !isTag(only) || only.name !== name) return undefined;
    inner = only;
  }
  const after = open.length + segment.length + SENTINEL.length;
  // The innermost open element must be closed by its own end tag: one in `segment` (a stray
  // `</li>`, say) would close it early in the whole page.
  if (isTag(inner) && end(inner) !== after + `</${inner.name}>`.length - 1) return undefined;
  const nodes = inner.children.slice(0, -1);
  const sentinel = inner.children[inner.children.length - 1];
  if (!sentinel || !isTag(sentinel) || sentinel.name !== 'rl-sentinel' || end(sentinel) !== after - 1) return undefined;
  if (start(sentinel) !== open.length + segment.length) return undefined;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (segment === '') return nodes.length === 0 ? [] : undefined;
  if (!first || !last || start(first) !== open.length || end(last) !== open.length + segment.length - 1)
    return undefined;
  if (isTag(last) && !explicitlyClosed(html, last)) return undefined;
  return nodes;
}

/** Puts `nodes` in place of `parent`'s children `first` to `last` and moves every later offset by `delta`. */
function splice(parent: ParentNode, first: number, last: number, nodes: ChildNode[], delta: number): void {
  const siblings = parent.children;
  const before = siblings[first - 1] ?? null;
  const after = siblings[last + 1] ?? null;
  siblings.splice(first, last - first + 1, ...nodes);
  let prev = before;
  for (const node of [...nodes, after]) {
    if (node) node.prev = prev;
    if (prev) prev.next = node;
    if (node) prev = node;
  }
  for (const node of nodes) node.parent = parent;
  let from = first + nodes.length;
  for (let at: ParentNode | null = parent; at; ) {
    const list = at.children;
    for (let i = from; i < list.length; i++) shift(list[i] as ChildNode, delta);
    if (at.endIndex !== null) at.endIndex += delta;
    const up: ParentNode | null = at.parent;
    if (up) from = up.children.indexOf(at as ChildNode) + 1;
    at = up;
  }
}

/**
 * The parse of `html`, a later version of `previous.html`, reusing `previous`'s tree where the
 * text is the same. `previous` is used up: its tree becomes the new one's.
 */
export function reparse(previous: HtmlSource, html: string): HtmlSource {
  const old = previous.html;
  if (old === html) return { html, document: previous.document };
  const prefix = commonPrefix(old, html);
  const suffix = commonSuffix(old, html, Math.min(old.length, html.length) - prefix);
  const to = old.length - suffix;
  const parent = enclosing(old, previous.document, prefix, to);
  // The children the edit touches: from the last one starting at or before it to the first one
  // ending at or after it.
  const children = parent.children;
  let first = -1;
  for (let i = 0; i < children.length && start(children[i] as ChildNode) <= prefix; i++) first = i;
  let last = Math.max(first, 0);
  while (last < children.length - 1 && end(children[last] as ChildNode) + 1 < to) last++;
  const head = children[first];
  const tail = children[last];
  if (!head || !tail || end(tail) + 1 < to) return parseSource(html);
  // An element before the cut that its successor closes would end elsewhere now.
  const before = children[first - 1];
  if (before && isTag(before) && !explicitlyClosed(old, before)) return parseSource(html);
  const delta = html.length - old.length;
  const nodes = parseInPlace(parent, html.slice(start(head), end(tail) + delta + 1));
  if (!nodes) return parseSource(html);
  // Text next to text would be one text node in the whole page.
  const after = children[last + 1];
  const [firstNode, lastNode] = [nodes[0], nodes[nodes.length - 1]];
  if (
    (before && isText(before) && firstNode && isText(firstNode)) ||
    (after && isText(after) && lastNode && isText(lastNode))
  )
    return parseSource(html);
  const offset = start(head) - (nodes[0] ? start(nodes[0]) : 0);
  for (const node of nodes) shift(node, offset);
  splice(parent, first, last, nodes, delta);
  return { html, document: previous.document };
}
