/**
 * An `<a>` left open and closed by its parent's end tag, the way old generated documentation
 * writes anchors: `<h3><a name="f"/>f()</h3>` (in HTML the `/` means nothing, so the `<a>` holds
 * the heading's text). htmlparser2 closes it with the heading and forgets it. A browser keeps it
 * in its list of active formatting elements and opens a copy of it again at the next text or
 * inline start tag ("reconstruct the active formatting elements"), until an `<a>` start tag (or
 * `</a>`) removes it from that list (WHATWG HTML, "in body" insertion mode and the adoption
 * agency algorithm).
 *
 * When all of that happens inside one element, typically one section of a reference page
 * (`<div><h3><a name="f"/>f()</h3><pre>void f(<a href="#t">t</a>)</pre></div>`: the copy wraps
 * `void f(` and the `<a href>` removes it), that element builds the same way in both parsers as a
 * whole, parsed alone or in its page: it becomes one opaque unit (never keyed inside), and the
 * page stays patchable. Anything the model below does not cover makes the page unsafe, as before.
 *
 * @packageDocumentation
 */
import { CLOSES_P } from './html-hazards.js';

/** What the tracker needs of an element (a `RawElement` of `keyed-parse.ts`). */
export interface TrackedElement {
  name: string;
  /** Set when the element holds the whole effect of an `<a>` left open. */
  opaque: boolean;
}

/**
 * Start tags that never reopen the formatting elements in a browser ("in body" insertion mode):
 * those that close an open `<p>` (but `<xmp>`), raw text and metadata.
 */
const NO_REOPEN = new Set([
  ...[...CLOSES_P].filter((name) => name !== 'xmp'),
  'textarea',
  'script',
  'style',
  'link',
  'meta',
  'title',
  'param',
  'source',
  'track',
]);

/** Elements that put a marker in the list: nothing inside them reopens what came before. */
const MARKERS = new Set(['td', 'th', 'caption', 'applet', 'object', 'marquee', 'template']);

/** Elements whose text a browser reads as raw text: it reopens nothing. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Table parts whose whitespace a browser inserts without reopening anything. */
const TABLE_PARTS = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr']);

/** `</a>` in the text between two tokens htmlparser2 reported: an end tag it ignored. */
const IGNORED_ANCHOR_END = /<\/a[\s/>]/i;

/** Follows one `<a>` left open, from its parent's end tag until a browser lets go of it. */
export class LeftOpenAnchor {
  /** The elements that were open around the `<a>` when its parent's end tag closed it. */
  #around: readonly TrackedElement[] | null = null;
  /** Stack depth of the browser's reopened copy, or -1 while no copy is open. */
  #copyDepth = -1;
  /** Marker elements opened since, still open (inside them the `<a>` is out of reach). */
  #markers = new Set<TrackedElement>();
  /** The stack depth the element holding the effect must be at or below (a region's own elements). */
  readonly #minDepth: number;

  /** @param minDepth - open elements that are not part of the text parsed (a region's context). */
  constructor(minDepth = 0) {
    this.#minDepth = minDepth;
  }

  /** Whether an `<a>` is being followed. */
  get active(): boolean {
    return this.#around !== null;
  }

  /**
   * An `<a>` was closed by the end tag of an element around it; `stack` is what is open
   * without it. Returns why the page is unsafe, or `null`.
   */
  begin(stack: readonly TrackedElement[], closedByEndTag: boolean): string | null {
    if (this.#around !== null) return 'two <a> left open';
    if (!closedByEndTag) return '<a> is not closed';
    this.#around = [...stack];
    this.#copyDepth = -1;
    this.#markers.clear();
    return null;
  }

  /**
   * A start tag of `name` (an element about to be pushed on `stack`), after the `gap` of text since
   * the token before. Returns why the page is unsafe, or `null`.
   */
  start(name: string, element: TrackedElement, stack: readonly TrackedElement[], gap: string): string | null {
    const ended = this.#gap(gap, stack);
    if (ended !== undefined) return ended;
    if (this.#around === null) return null;
    if (this.#markers.size > 0) {
      if (MARKERS.has(name)) this.#markers.add(element);
      return null;
    }
    if (name === 'a') {
      // Not open: the start tag removes it. Open as the current node: it is closed and removed.
      if (this.#copyDepth === -1 || this.#copyDepth === stack.length) return this.#release(stack);
      return '<a> start tag while a reopened <a> holds other elements';
    }
    if (this.#copyDepth === -1 && !NO_REOPEN.has(name)) this.#copyDepth = stack.length;
    if (MARKERS.has(name)) this.#markers.add(element);
    return null;
  }

  /** Text inside the top of `stack`, after the `gap` since the token before. Returns why the page is unsafe, or `null`. */
  text(text: string, stack: readonly TrackedElement[], gap: string): string | null {
    const ended = this.#gap(gap, stack);
    if (ended !== undefined) return ended;
    if (this.#around === null || this.#markers.size > 0 || this.#copyDepth !== -1) return null;
    const parent = stack[stack.length - 1];
    if (parent && RAW_TEXT.has(parent.name)) return null;
    if (parent && TABLE_PARTS.has(parent.name) && text.trim() === '') return null;
    this.#copyDepth = stack.length;
    return null;
  }

  /**
   * `element` was closed (popped: `stack` is what stays open), after the `gap` since the token
   * before. Returns why the page is unsafe, or `null`.
   */
  close(element: TrackedElement, stack: readonly TrackedElement[], gap: string): string | null {
    const ended = this.#gap(gap, stack);
    if (ended !== undefined) return ended;
    const depth = stack.length;
    this.#markers.delete(element);
    // An end tag that closes an element around the copy closes the copy too; it can open again.
    if (this.#copyDepth !== -1 && depth < this.#copyDepth) this.#copyDepth = -1;
    // One of the elements around the `<a>` closed: decided now (not at the end) when what stays
    // open of them can no longer hold the effect.
    const around = this.#around;
    if (around?.[depth] === element && !this.#canHold(around, depth - 1)) return '<a> left open across sections';
    return null;
  }

  /** Whether the element at `depth` of those `around` the `<a>` can hold its whole effect. */
  #canHold(around: readonly TrackedElement[], depth: number): boolean {
    const holder = around[depth];
    return holder !== undefined && depth >= this.#minDepth && holder.name !== 'html' && holder.name !== 'body';
  }

  /** The text ended with the `<a>` still followed: its effect reaches past what was parsed. */
  finish(): string | null {
    return this.#around === null ? null : '<a> is not closed';
  }

  /** An `</a>` htmlparser2 ignored (there was no `<a>` open for it) in `gap`: the browser lets go there. */
  #gap(gap: string, stack: readonly TrackedElement[]): string | null | undefined {
    if (this.#around === null || gap === '' || !IGNORED_ANCHOR_END.test(gap)) return undefined;
    if (gap.includes('<!')) return 'a comment near an <a> left open';
    if (this.#markers.size > 0) return '</a> inside a table cell while an <a> is left open';
    if (this.#copyDepth === -1 || this.#copyDepth === stack.length) return this.#release(stack);
    return '</a> while a reopened <a> holds other elements';
  }

  /** The browser let go of the `<a>`: the deepest element open all along holds its whole effect. */
  #release(stack: readonly TrackedElement[]): string | null {
    const around = this.#around as readonly TrackedElement[];
    this.#around = null;
    this.#copyDepth = -1;
    let depth = 0;
    while (depth < around.length && depth < stack.length && around[depth] === stack[depth]) depth += 1;
    // At the top (no element, `<html>` or `<body>`) or outside a region: the effect spans units.
    if (!this.#canHold(around, depth - 1)) return '<a> left open across sections';
    (around[depth - 1] as TrackedElement).opaque = true;
    return null;
  }
}
