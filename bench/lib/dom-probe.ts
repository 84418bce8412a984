/**
 * The page side of a save-to-screen measurement. Installed with `page.addInitScript`, so it runs
 * again in every new document (peers reload the page) before any of the page's own scripts, and a
 * `MutationObserver` sees the new text the moment it is inserted, whether by the parser after a
 * reload or by a morph.
 */
import type { Page } from 'playwright-core';
import { MARKER_PREFIX } from './fixtures.js';

/** Name of the page global the probe fills: marker → wall time it first appeared. */
const GLOBAL = '__benchSeen';

/**
 * Source of the init script. It scans only what each mutation added or changed, never the whole
 * document, so the probe costs the same for every tool and does not grow with document size.
 */
export const PROBE_SOURCE = `(() => {
  const seen = (window.${GLOBAL} = {});
  const pattern = /${MARKER_PREFIX}\\d+/g;
  const note = (text) => {
    if (!text || text.indexOf('${MARKER_PREFIX}') === -1) return;
    const now = performance.timeOrigin + performance.now();
    for (const found of text.match(pattern) || []) if (!(found in seen)) seen[found] = now;
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') note(record.target.data);
      else for (const node of record.addedNodes) note(node.textContent);
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Installs the probe in `page` for every document it loads from now on. */
export async function installDomProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SOURCE });
}

/**
 * Wall time at which `marker` appeared in the page, or `undefined` if it has not yet. Returns
 * `undefined` too while a navigation destroys the execution context, so callers just poll again.
 */
export async function markerSeenAt(page: Page, marker: string): Promise<number | undefined> {
  try {
    const value = await page.evaluate(
      ([name, key]) => (globalThis as unknown as Record<string, Record<string, number> | undefined>)[name]?.[key],
      [GLOBAL, marker] as const,
    );
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}
