/**
 * Keeps the reader's place across an update: the element at the top of the viewport keeps its
 * offset from the top, so content inserted or removed above it does not push the reader away.
 */
import { BLOCK_ATTRIBUTE, OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';

/** The element the reader is looking at and where it was. */
export interface ScrollAnchor {
  element: Element;
  /** Its `data-block` key, to find it again if the update replaced the element. */
  key: string | null;
  top: number;
}

const blockSelector = `[${BLOCK_ATTRIBUTE}]`;

function isOwnOrRoot(element: Element): boolean {
  return (
    element === document.documentElement ||
    element === document.body ||
    element.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`) !== null
  );
}

/**
 * The block the reader is looking at: the innermost one crossing the top edge, unless a block
 * that starts just below the edge sits inside it (a step below a long module's heading), which
 * is the more precise anchor.
 */
function firstVisibleBlock(): Element | undefined {
  let crossing: Element | undefined;
  let crossingTop = Number.NEGATIVE_INFINITY;
  let below: Element | undefined;
  let belowTop = Number.POSITIVE_INFINITY;
  for (const block of Array.from(document.querySelectorAll(blockSelector))) {
    const rect = block.getBoundingClientRect();
    if (rect.bottom <= 0 || rect.top >= window.innerHeight || rect.height === 0) continue;
    if (rect.top <= 0) {
      // Nested blocks start at or below their parent, so the lowest start is the innermost.
      if (rect.top >= crossingTop) {
        crossing = block;
        crossingTop = rect.top;
      }
    } else if (rect.top < belowTop) {
      below = block;
      belowTop = rect.top;
    }
  }
  if (below && (!crossing || crossing.contains(below))) return below;
  return crossing;
}

/** Records the anchor, or `undefined` at the very top of the page (new content there stays in view). */
export function captureScrollAnchor(): ScrollAnchor | undefined {
  if (window.scrollY <= 0) return undefined;
  let element: Element | null = firstVisibleBlock() ?? document.elementFromPoint(window.innerWidth / 2, 1);
  if (element && isOwnOrRoot(element)) element = null;
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
