/**
 * Keeps the reader's place across an update: the element at the top of the viewport keeps its
 * offset from the top, so content inserted or removed above it does not push the reader away.
 */
import { BLOCK_ATTRIBUTE, KEY_ATTRIBUTE, OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';

/** The element the reader is looking at and where it was. */
export interface ScrollAnchor {
  element: Element;
  /** Its `data-block` key, to find it again if the update replaced the element. */
  key: string | null;
  top: number;
}

const keyedSelector = `[${BLOCK_ATTRIBUTE}],[${KEY_ATTRIBUTE}]`;

function isOwnOrRoot(element: Element): boolean {
  return (
    element === document.documentElement ||
    element === document.body ||
    element.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`) !== null
  );
}

// Points along the top edge of the viewport, probed in order.
const PROBES: ReadonlyArray<readonly [number, number]> = [
  [0.5, 1],
  [0.25, 1],
  [0.75, 1],
  [0.5, 48],
];

/**
 * The element the reader is looking at: the innermost keyed element (a block, or a unit with an
 * implicit key) under a point at the top of the viewport, else the element there. Hit-testing a
 * few points costs the same on any page, where measuring every block grew with the page.
 */
function elementAtTop(): Element | undefined {
  for (const [x, y] of PROBES) {
    const hit = document.elementFromPoint(window.innerWidth * x, y);
    if (!hit || isOwnOrRoot(hit)) continue;
    const keyed = hit.closest(keyedSelector);
    return keyed && !isOwnOrRoot(keyed) ? keyed : hit;
  }
  return undefined;
}

/** Records the anchor, or `undefined` at the very top of the page (new content there stays in view). */
export function captureScrollAnchor(): ScrollAnchor | undefined {
  if (window.scrollY <= 0) return undefined;
  const element = elementAtTop();
  if (!element) return undefined;
  return { element, key: element.getAttribute(BLOCK_ATTRIBUTE), top: element.getBoundingClientRect().top };
}

/** Scrolls so the anchor is back at its recorded offset; a no-op when it did not move. */
export function restoreScrollAnchor(anchor: ScrollAnchor | undefined): void {
  if (!anchor) return;
  let element: Element | null = anchor.element;
  if (!element.isConnected && anchor.key !== null) {
    element = document.querySelector(`[${BLOCK_ATTRIBUTE}="${CSS.escape(anchor.key)}"]`);
  }
  if (!element?.isConnected) return;
  const delta = element.getBoundingClientRect().top - anchor.top;
  // `instant` overrides a page's `scroll-behavior: smooth`, which would animate the correction.
  if (Math.abs(delta) >= 0.5) window.scrollTo({ top: window.scrollY + delta, behavior: 'instant' });
}
