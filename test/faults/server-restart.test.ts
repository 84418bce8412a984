/**
 * The server process restarts while several pages are open (a crash, an upgrade, `Ctrl+C` and
 * run again): every page resyncs to its own document by version, without a reload, keeping what
 * the reader typed, and a document error present on the new run is shown on reconnect.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked, type TrackedPage } from '../helpers/browser.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';

const TOKEN = 'restart-fault-token-0123456789abcdef';
const NAMED = 'lab/ph.html';

const doc = (name: string, text: string): string =>
  `<!doctype html><html><head><title>${name}</title></head><body>` +
  `<section data-block="form"><input id="note" value=""></section>` +
  `<main data-block="m"><p id="text">${text}</p></main></body></html>`;

/** The page's shadow-DOM overlay text, or `null` when there is none (plain JS: no DOM types here). */
const overlayText = (page: Page): Promise<string | null> =>
  page.evaluate(
    "(() => { const o = document.querySelector('sop-preview-overlay'); return o && o.shadowRoot ? o.shadowRoot.textContent : null; })()",
  ) as Promise<string | null>;

describe('server restart with pages open', () => {
  const session = previewSession();

  it('resyncs every open page to its own document, with no reload and typed input kept', async () => {
    const first = new LivePreviewServer({ port: 0, token: TOKEN });
    session.track(first);
    first.updateContent(doc('index', 'index run 1'));
    first.updateContent(doc('named', 'named run 1'), { doc: NAMED });
    await first.start();
    const port = first.port;
    const pages: [TrackedPage, string][] = [
      [await openTracked(session.browser, first.url), 'index'],
      [await openTracked(session.browser, `${first.url}${NAMED}`), 'named'],
      [await openTracked(session.browser, first.url), 'index'],
    ];
    for (const [tracked, name] of pages) {
      await poll(async () => (await tracked.page.textContent('#text')) === `${name} run 1`, {
        timeout: 5000,
        message: 'first run',
      });
      await tracked.page.fill('#note', `typed in ${name}`);
    }
    // Wait until each client is connected, so the restart really cuts live sockets.
    await poll(() => first.stats().clients.total === 3, { timeout: 5000, message: 'three live clients' });

    await first.stop();
    const second = new LivePreviewServer({ port, strictPort: true, token: TOKEN });
    session.track(second);
    second.updateContent(doc('index', 'index run 2'));
    second.updateContent(doc('named', 'named run 2'), { doc: NAMED });
    second.setError(
      { code: 'SOP_ERR_SCHEMA', message: 'restart-error: expected text', file: 'ph.sop.yaml', line: 3, column: 5 },
      { doc: NAMED },
    );
    await second.start();

    for (const [tracked, name] of pages) {
      await poll(async () => (await tracked.page.textContent('#text')) === `${name} run 2`, {
        timeout: 5000,
        message: `${name} resynced\n${tracked.logs.join('\n')}`,
      });
      assert.equal(tracked.navigations(), 0, 'no reload');
      assert.equal(await tracked.page.inputValue('#note'), `typed in ${name}`, 'typed input kept');
    }
    const named = pages[1]?.[0].page as Page;
    const shown =
      (await poll(() => overlayText(named), { timeout: 5000, message: 'error overlay after reconnect' })) ?? '';
    assert.match(shown, /ph\.sop\.yaml:3:5/);
    assert.equal(await overlayText(pages[0]?.[0].page as Page), null, 'the other document shows no error');
    await poll(() => second.stats().clients.total === 3, { timeout: 5000, message: 'all three reconnected' });
    for (const [tracked] of pages) await tracked.page.close();
  });
});
