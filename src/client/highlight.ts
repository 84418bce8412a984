/**
 * Briefly outlines the blocks an update changed. The outlines are boxes in our own shadow host,
 * laid over the blocks, so the document's elements are never restyled.
 */
import { BLOCK_ATTRIBUTE, KEY_ATTRIBUTE, OWN_ELEMENT_ATTRIBUTE } from '../shared/protocol.js';
import { createOwnHost } from './own-host.js';

/** More boxes than this would only paint the whole page; a full re-render gets the flash instead. */
export const MAX_HIGHLIGHTED = 40;
const DURATION_MS = 1200;

const CSS = `
.l{position:absolute;top:0;left:0;pointer-events:none;z-index:2147483645}
.x{position:absolute;box-sizing:border-box;border:2px solid #f39c12;border-radius:3px;
background:rgba(243,156,18,.08);animation:sop-hl ${DURATION_MS}ms ease-out forwards}
@keyframes sop-hl{0%{opacity:1}70%{opacity:1}100%{opacity:0}}
@media (prefers-reduced-motion:reduce){.x{animation:none}}`;

/**
 * Runs `mutate` and returns the blocks whose content it changed, from a MutationObserver on
 * `<body>` (used for whole-document updates, where no key list exists).
 */
export function changedBlocks(mutate: () => void): Element[] {
  const observer = new MutationObserver(() => {});
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  try {
    mutate();
  } catch (error) {
    observer.disconnect();
    throw error;
  }
  const records = observer.takeRecords();
  observer.disconnect();
  const found = new Set<Element>();
  for (const record of records) {
    const nodes = record.type === 'childList' ? Array.from(record.addedNodes) : [record.target];
    // A pure removal changed its parent's block.
    if (nodes.length === 0) nodes.push(record.target);
    for (const node of nodes) {
      const element = node instanceof Element ? node : node.parentElement;
      const block = element?.closest(`[${BLOCK_ATTRIBUTE}],[${KEY_ATTRIBUTE}]`);
      if (block?.isConnected && !block.closest(`[${OWN_ELEMENT_ATTRIBUTE}]`)) found.add(block);
    }
  }
  return Array.from(found);
}

/** The highlight layer; its host is created on first use. */
export class Highlighter {
  private layer: HTMLElement | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Outlines `blocks` for a moment; replaces any outlines still showing. */
  show(blocks: readonly Element[]): void {
    if (blocks.length === 0) return;
    if (!this.layer) {
      const { root } = createOwnHost('sop-preview-highlight', CSS);
      this.layer = document.createElement('div');
      this.layer.className = 'l';
      root.append(this.layer);
    }
    const boxes: HTMLElement[] = [];
    for (const block of blocks.slice(0, MAX_HIGHLIGHTED)) {
      const rect = block.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const box = document.createElement('div');
      box.className = 'x';
      box.style.cssText = `top:${rect.top + window.scrollY}px;left:${rect.left + window.scrollX}px;width:${rect.width}px;height:${rect.height}px`;
      boxes.push(box);
    }
    this.layer.replaceChildren(...boxes);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.layer?.replaceChildren(), DURATION_MS);
  }
}
