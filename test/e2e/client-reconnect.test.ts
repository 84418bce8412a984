/**
 * The client survives a server restart (issue acceptance 5): it shows "reconnecting", keeps
 * retrying, and after a new server comes up on the same port it resyncs by version, no reload.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { badge } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';

const TOKEN = 'reconnect-test-token-0123456789';

const doc = (text: string) =>
  `<!doctype html><html><head><title>R</title></head><body><main data-block="m"><p id="text">${text}</p></main></body></html>`;

describe('client reconnect', () => {
  const session = previewSession();

  it('shows reconnecting while the server is down and the new content within 2 s of a restart', async () => {
    const first = new LivePreviewServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    session.track(first);
    first.updateContent(doc('first run'));
    await first.start();
    const tracked = await openTracked(session.browser, first.url);
    const { page } = tracked;
    await poll(async () => (await badge(page)).state === 'live', { timeout: 5000, message: 'badge live' });
    const port = first.port;

    await first.stop();
    const down = await poll(
      async () => {
        const shown = await badge(page);
        return shown.state === 'reconnecting' && shown.text.includes('reconnecting') ? shown : undefined;
      },
      { timeout: 5000, message: 'badge reconnecting' },
    );
    assert.match(down?.text ?? '', /Retry/);

    const second = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: true, token: TOKEN });
    session.track(second);
    // As many changes as the first run had: the new run must still never reuse the version the page shows.
    second.updateContent(doc('second run'));
    await second.start();
    // The poll's timeout is the 2 s bound: a slower resync fails it.
    await poll(async () => (await page.textContent('#text')) === 'second run', {
      timeout: 2000,
      message: `new content after restart\n${tracked.logs.join('\n')}`,
    });
    assert.equal(tracked.navigations(), 0);
    await poll(async () => (await badge(page)).state === 'live', { timeout: 2000, message: 'badge live again' });
  });

  it('Retry connects at once instead of waiting for the backoff', async () => {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    session.track(server);
    server.updateContent(doc('retry'));
    await server.start();
    const tracked = await openTracked(session.browser, server.url);
    const { page } = tracked;
    await poll(async () => (await badge(page)).state === 'live', { timeout: 5000, message: 'badge live' });
    const port = server.port;
    await server.stop();
    // Let the backoff grow past a few seconds so only the button can explain a quick reconnect.
    await poll(async () => /reconnecting in [3-5]s/.test((await badge(page)).text), {
      timeout: 15_000,
      message: 'a long countdown',
    });
    const again = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: true, token: TOKEN });
    session.track(again);
    again.updateContent(doc('after retry'));
    await again.start();
    await page.locator('sop-preview-badge button').click();
    await poll(async () => (await page.textContent('#text')) === 'after retry', {
      timeout: 1000,
      message: 'content right after Retry',
    });
    assert.equal(tracked.navigations(), 0);
  });
});
