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

// Keys that identify nothing in the morph in progress (see `unusableKeys`).
let unusable = new Set<string>();

/** The elements that can carry an identity key (see `identityKey`). */
const KEYED_SELECTOR = `[${KEY_ATTRIBUTE}],[${BLOCK_ATTRIBUTE}],link[href]`;

/**
 * An element's identity, when it has one. Implicit keys and `data-block` keys identify an element,
 * so inserting one does not morph every sibling below it. An `id` is no identity: pages repeat them
 * (Sphinx writes `id="index-0"` once per section), and a morph keyed by them leaves stale elements.
 */
function identityKey(element: Element): string | undefined {
  // Matching links by position would rewrite one's href in place: a refetch and a flash.
  if (element instanceof HTMLLinkElement && element.hasAttribute('href')) return `link:${resolveHref(element)}`;
  const implicit = element.getAttribute(KEY_ATTRIBUTE);
  if (implicit !== null) return `key:${implicit}`;
  const block = element.getAttribute(BLOCK_ATTRIBUTE);
  // With the tag name: morphdom would otherwise morph a `<div>` into the `<ul>` that took over its key.
  return block === null ? undefined : `block:${element.localName}:${block}`;
}

/** How many elements lie between `element` and `root` (a child of `root` has depth 1). */
function depthBelow(element: Element, root: Element): number {
  let depth = 0;
  for (let at: Element | null = element; at && at !== root; at = at.parentElement) depth += 1;
  return depth;
}

/** Each identity key under `root` with its depth; keys that occur more than once go to `repeated`. */
function keyDepths(root: Element, repeated: Set<string>): Map<string, number> {
  const depths = new Map<string, number>();
  for (const element of Array.from(root.querySelectorAll(KEYED_SELECTOR))) {
    const key = identityKey(element);
    if (key === undefined) continue;
    if (depths.has(key)) repeated.add(key);
    else depths.set(key, depthBelow(element, root));
  }
  return depths;
}

/**
 * The identity keys morphdom must not match on in a morph of `from` into `to`: those that occur more
 * than once (they identify nothing), and those whose element sits at another depth in `to` than in
 * `from`. morphdom remembers each parent's next child before it morphs the current one; when that
 * morph moves the remembered child deeper, into the current child's subtree, the walk of the parent
 * goes on inside the wrong element: stale siblings stay, new ones are added twice, or an insert
 * throws (upstream issue 291). Every such move takes an element deeper than it was; an element whose
 * depth is kept moves only within its matched parent's level, and since keyed elements are the only
 * ones that move, keeping every matched key's depth keeps the depth of everything inside them too.
 * An element that changes depth is rebuilt or morphed in place instead, which costs only speed.
 */
function unusableKeys(from: Element, to: Element): Set<string> {
  const keys = new Set<string>();
  const before = keyDepths(from, keys);
  const after = keyDepths(to, keys);
  for (const [key, depth] of before) {
    const next = after.get(key);
    if (next !== undefined && next !== depth) keys.add(key);
  }
  return keys;
}

/**
 * Key for morphdom's matching: the element's identity unless the morph in progress cannot use it.
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
  const key = identityKey(node);
  return key !== undefined && !unusable.has(key) ? key : undefined;
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

// Options of the morph in progress with the `selected` attribute their source gives them:
// morphdom's option handler writes `selected=""` onto an option the browser selects by default
// (the first of a select), which a fresh load does not have.
let optionMarkup: [HTMLOptionElement, string | null][] = [];

/** Copies live state the reader changed onto the incoming node, so the morph keeps it. */
function keepLiveState(from: Element, to: Element): void {
  if (from instanceof HTMLSelectElement) {
    const choice = captureChoice(from);
    if (choice) choices.push(choice);
  } else if (from instanceof HTMLOptionElement) {
    optionMarkup.push([from, to.getAttribute('selected')]);
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

/** Gives `from` the content of `to` when they differ (their `innerHTML` covers nested templates). */
function syncTemplate(from: HTMLTemplateElement, to: HTMLTemplateElement): void {
  if (from.innerHTML !== to.innerHTML) from.content.replaceChildren(document.importNode(to.content, true));
}

/** The HTML templates in `element`'s subtree (foreign elements named `template` have no content). */
const templatesIn = (element: Element): HTMLTemplateElement[] =>
  Array.from(element.getElementsByTagName('template')).filter((t) => t instanceof HTMLTemplateElement);

function beforeElUpdated(from: HTMLElement, to: HTMLElement): boolean {
  if (isOwn(from)) return false;
  keepLiveState(from, to);
  // A template's content is no child of it: morphdom would neither compare nor copy it.
  if (from instanceof HTMLTemplateElement && to instanceof HTMLTemplateElement) syncTemplate(from, to);
  // Native and fast: most of a whole-document morph is unchanged subtrees.
  if (!from.isEqualNode(to)) return true;
  // isEqualNode ignores template content too: the skipped subtree's templates (in the same
  // places, since the trees are equal) get theirs here.
  const fromTemplates = templatesIn(from);
  if (fromTemplates.length > 0) {
    const toTemplates = templatesIn(to);
    for (const [at, template] of fromTemplates.entries()) {
      const other = toTemplates[at];
      if (other) syncTemplate(template, other);
    }
  }
  return false;
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
  optionMarkup = [];
  unusable = unusableKeys(from, to);
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
    for (const [option, selected] of optionMarkup) {
      if (selected === null) option.removeAttribute('selected');
      else if (option.getAttribute('selected') !== selected) option.setAttribute('selected', selected);
    }
    for (const choice of choices) restoreChoice(choice);
  } finally {
    optionMarkup = [];
    choices = [];
    unusable = new Set();
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
