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
 * Key prefix for markers whose text left the DOM (a removed node, or text a morph overwrote):
 * how a removal shows in a page that is patched rather than reloaded.
 */
const GONE_PREFIX = 'gone:';

/**
 * Source of the init script. It scans only what each mutation added, changed or removed, never
 * the whole document, so the probe costs the same for every tool and does not grow with document
 * size. It also stamps when the document finished parsing, which is when a reloaded page shows a
 * removal.
 */
export const PROBE_SOURCE = `(() => {
  const seen = (window.${GLOBAL} = {});
  const pattern = /${MARKER_PREFIX}\\d+/g;
  const note = (text, prefix) => {
    if (!text || text.indexOf('${MARKER_PREFIX}') === -1) return;
    const now = performance.timeOrigin + performance.now();
    for (const found of text.match(pattern) || []) if (!(prefix + found in seen)) seen[prefix + found] = now;
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') {
        note(record.target.data, '');
        note(record.oldValue, '${GONE_PREFIX}');
      } else {
        for (const node of record.addedNodes) note(node.textContent, '');
        for (const node of record.removedNodes) note(node.textContent, '${GONE_PREFIX}');
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, characterDataOldValue: true });
  document.addEventListener('DOMContentLoaded', () => {
    window.${GLOBAL}_parsed = performance.timeOrigin + performance.now();
  });
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

/**
 * Wall time at which a removal of `marker`'s text showed: its text left this document, or a
 * document parsed after `since` (a reload, which never had it). `undefined` until either.
 */
export async function markerGoneAt(page: Page, marker: string, since: number): Promise<number | undefined> {
  try {
    const [gone, parsed] = await page.evaluate(
      ([name, key]) => {
        const view = globalThis as unknown as Record<string, unknown>;
        const seen = view[name] as Record<string, number> | undefined;
        return [seen?.[key], view[`${name}_parsed`]] as const;
      },
      [GLOBAL, `${GONE_PREFIX}${marker}`] as const,
    );
    if (typeof gone === 'number' && gone >= since) return gone;
    return typeof parsed === 'number' && parsed >= since ? parsed : undefined;
  } catch {
    return undefined;
  }
}
