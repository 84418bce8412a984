/**
 * morphdom with callbacks that keep what the reader did to the page: typed values, checkboxes,
 * select choices, open `<details>`, focus and caret. Default morphing resets all of these (see design §5).
 * Elements sop-preview added (`data-sop-preview`) are never updated, matched or discarded.
 */
import morphdomModule from 'morphdom';
import { BLOCK_ATTRIBUTE, KEY_ATTRIBUTE, OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';
import { runScripts } from './run-scripts.js';
import { captureChoice, restoreChoice, type SelectChoice } from './select-state.js';

type Morphdom = typeof morphdomModule.default;
// morphdom's types are CommonJS-shaped (`default` under NodeNext), while esbuild bundles its ES
// build whose default export is the function itself; this accepts either shape.
const morphdom: Morphdom =
  (morphdomModule as unknown as { default?: Morphdom }).default ?? (morphdomModule as unknown as Morphdom);

const ownKeys = new WeakMap<Element, string>();
let ownKeyCount = 0;

// `data-block` keys that occur more than once in the morph in progress: they identify nothing.
let repeatedBlocks = new Set<string>();

/** The `data-block` keys that occur more than once in `from` or in `to`. */
function findRepeatedBlocks(from: Element, to: Element): Set<string> {
  const repeated = new Set<string>();
  for (const root of [from, to]) {
    const seen = new Set<string>();
    for (const element of Array.from(root.querySelectorAll(`[${BLOCK_ATTRIBUTE}]`))) {
      const key = element.getAttribute(BLOCK_ATTRIBUTE) as string;
      if (seen.has(key)) repeated.add(key);
      seen.add(key);
    }
  }
  return repeated;
}

/**
 * Key for morphdom's matching. Implicit keys and unique `data-block` keys identify an element, so
 * inserting one does not morph every sibling below it. An `id` is no identity: pages repeat them
 * (Sphinx writes `id="index-0"` once per section), and a morph keyed by them leaves stale elements.
 * Our own elements get a key the incoming tree never has, which makes morphdom treat them as keyed
 * leftovers and ask before discarding them (we refuse).
 */
function nodeKey(node: Node): string | undefined {
  if (!(node instanceof Element)) return undefined;
  if (node.hasAttribute(OWN_ELEMENT_ATTRIBUTE)) {
    let key = ownKeys.get(node);
    if (!key) {
      ownKeyCount += 1;
      key = `sop-preview:${ownKeyCount}`;
      ownKeys.set(node, key);
    }
    return key;
  }
  // Matching links by position would rewrite one's href in place: a refetch and a flash.
  if (node instanceof HTMLLinkElement && node.hasAttribute('href')) return `link:${resolveHref(node)}`;
  const implicit = node.getAttribute(KEY_ATTRIBUTE);
  if (implicit !== null) return `key:${implicit}`;
  const block = node.getAttribute(BLOCK_ATTRIBUTE);
  // With the tag name: morphdom would otherwise morph a `<div>` into the `<ul>` that took over its key.
  return block !== null && !repeatedBlocks.has(block) ? `block:${node.localName}:${block}` : undefined;
}

/** The absolute URL of a link's `href`, resolved against the page (parsed heads have no base of their own). */
export function resolveHref(link: HTMLLinkElement): string {
  const href = link.getAttribute('href') ?? '';
  try {
    return new URL(href, document.baseURI).href;
  } catch {
    return href;
  }
}

const isOwn = (node: Node): boolean => node instanceof Element && node.hasAttribute(OWN_ELEMENT_ATTRIBUTE);

// Select choices of the morph in progress; morphdom has no hook after an element's children are
// done, which is when its select handler has already reset the selection.
let choices: SelectChoice[] = [];

/** Copies live state the reader changed onto the incoming node, so the morph keeps it. */
function keepLiveState(from: Element, to: Element): void {
  if (from instanceof HTMLSelectElement) {
    const choice = captureChoice(from);
    if (choice) choices.push(choice);
  } else if (from instanceof HTMLInputElement && to instanceof HTMLInputElement) {
    // Only state the reader changed wins; an untouched field follows the source's new default.
    if (from.type === 'checkbox' || from.type === 'radio') {
      if (from.checked !== from.defaultChecked) to.checked = from.checked;
    } else if (from.type !== 'file' && from.value !== from.defaultValue) {
      to.value = from.value;
    }
  } else if (from instanceof HTMLTextAreaElement && to instanceof HTMLTextAreaElement) {
    if (from.value !== from.defaultValue) to.value = from.value;
  } else if (from instanceof HTMLDetailsElement && to instanceof HTMLDetailsElement) {
    to.open = from.open;
  }
}

function beforeElUpdated(from: HTMLElement, to: HTMLElement): boolean {
  if (isOwn(from)) return false;
  keepLiveState(from, to);
  // A template's content is no child of it: morphdom would neither compare nor copy it.
  if (from instanceof HTMLTemplateElement && to instanceof HTMLTemplateElement && from.innerHTML !== to.innerHTML) {
    from.content.replaceChildren(document.importNode(to.content, true));
  }
  // Native and fast: most of a whole-document morph is unchanged subtrees.
  return !from.isEqualNode(to);
}

/** Focus and caret, which moving or replacing an element would lose. */
interface FocusState {
  element: HTMLElement;
  start: number | null;
  end: number | null;
  direction: 'forward' | 'backward' | 'none' | null;
}

function saveFocus(): FocusState | undefined {
  const element = document.activeElement;
  if (!(element instanceof HTMLElement) || element === document.body) return undefined;
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    try {
      return {
        element,
        start: element.selectionStart,
        end: element.selectionEnd,
        direction: element.selectionDirection,
      };
    } catch {
      // Inputs like type=number throw on selection access.
    }
  }
  return { element, start: null, end: null, direction: null };
}

function restoreFocus(state: FocusState | undefined): void {
  if (!state?.element.isConnected) return;
  const { element, start, end, direction } = state;
  // morphdom moves keyed elements with insertBefore, which blurs anything inside them.
  if (document.activeElement !== element) element.focus({ preventScroll: true });
  if (
    start !== null &&
    end !== null &&
    (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) &&
    (element.selectionStart !== start || element.selectionEnd !== end)
  ) {
    element.setSelectionRange(start, end, direction ?? undefined);
  }
}

/**
 * Morphs `from` into `to` in place. With `childrenOnly`, `from` keeps its own attributes and
 * only its children change (used for `<head>` and `<body>`).
 */
export function morph(from: Element, to: Element, childrenOnly = false): void {
  const focus = saveFocus();
  choices = [];
  repeatedBlocks = findRepeatedBlocks(from, to);
  const added: Element[] = [];
  try {
    morphdom(from, to, {
      childrenOnly,
      getNodeKey: nodeKey,
      onBeforeElUpdated: beforeElUpdated,
      onBeforeNodeDiscarded: (node: Node) => !isOwn(node),
      onNodeAdded: (node: Node) => {
        if (node instanceof HTMLScriptElement) added.push(node);
        return node;
      },
    });
    for (const choice of choices) restoreChoice(choice);
  } finally {
    choices = [];
    repeatedBlocks = new Set();
  }
  runScripts(added);
  restoreFocus(focus);
}

/** Makes `to`'s attributes those of `from` (for `<html>` and `<body>`, which are never replaced). */
export function syncAttributes(from: Element, to: Element): void {
  for (const { name } of Array.from(from.attributes)) {
    if (!to.hasAttribute(name)) from.removeAttribute(name);
  }
  for (const { name, value } of Array.from(to.attributes)) {
    if (from.getAttribute(name) !== value) from.setAttribute(name, value);
  }
}
