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
  const waiters = (window.${GLOBAL}_waiters = new Set());
  const wake = () => { for (const waiter of [...waiters]) waiter(); };
  const pattern = /${MARKER_PREFIX}\\d+/g;
  const note = (text, prefix) => {
    if (!text || text.indexOf('${MARKER_PREFIX}') === -1) return;
    const now = performance.timeOrigin + performance.now();
    for (const found of text.match(pattern) || []) if (!(prefix + found in seen)) seen[prefix + found] = now;
    wake();
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
    wake();
  });
})();`;

/** Installs the probe in `page` for every document it loads from now on. */
export async function installDomProbe(page: Page): Promise<void> {
  await page.addInitScript({ content: PROBE_SOURCE });
}

/**
 * How long one call below waits in the page for its signal. The page wakes the wait the moment the
 * signal is recorded, so the benchmark never polls: polling every few milliseconds through the
 * debugging protocol takes CPU from the tool being measured on a 2-core machine.
 */
const WAIT_MS = 1_000;

/**
 * Wall time of `key` in the probe's record (at or after `parsedSince`, when given), or of the
 * document's parse when that came after `parsedSince`; waits up to `waitMs` in the page. `undefined` if
 * neither happened, or while a navigation destroys the execution context (callers just ask again).
 */
async function signalAt(
  page: Page,
  key: string,
  parsedSince: number | null,
  waitMs: number,
): Promise<number | undefined> {
  try {
    const value: unknown = await page.evaluate(
      `(${WAIT_SOURCE})(${JSON.stringify([GLOBAL, key, parsedSince, waitMs])})`,
    );
    return typeof value === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Page side of {@link signalAt}, as source: a function compiled here would carry the compiler's
 * helpers, which the page does not have.
 */
const WAIT_SOURCE = `([name, wanted, since, ms]) =>
  new Promise((resolve) => {
    const waiters = window[name + '_waiters'];
    const read = () => {
      const at = window[name] && window[name][wanted];
      if (typeof at === 'number' && (since === null || at >= since)) return at;
      const parsed = window[name + '_parsed'];
      return since !== null && typeof parsed === 'number' && parsed >= since ? parsed : undefined;
    };
    const done = (result) => {
      if (waiters) waiters.delete(check);
      clearTimeout(timer);
      resolve(result);
    };
    const check = () => {
      const at = read();
      if (at !== undefined) done(at);
    };
    const timer = setTimeout(() => done(undefined), ms);
    if (waiters) waiters.add(check);
    check();
  })`;

/**
 * Wall time at which `marker` appeared in the page, waiting up to a second for it; `undefined` if it
 * has not yet (or a navigation is under way): callers ask again.
 */
export function markerSeenAt(page: Page, marker: string): Promise<number | undefined> {
  return signalAt(page, marker, null, WAIT_MS);
}

/**
 * Wall time at which a removal of `marker`'s text showed: its text left this document, or a
 * document parsed after `since` (a reload, which never had it). Waits up to a second; `undefined`
 * until either.
 */
export function markerGoneAt(page: Page, marker: string, since: number): Promise<number | undefined> {
  return signalAt(page, `${GONE_PREFIX}${marker}`, since, WAIT_MS);
}
