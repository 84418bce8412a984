/**
 * The client survives a server restart (issue acceptance 5): it shows "reconnecting", keeps
 * retrying, and after a new server comes up on the same port it resyncs by version, no reload,
 * soon after the server listens whatever the backoff has grown to.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked, waitFor } from '../helpers/browser.js';
import { badge } from '../helpers/page-eval.js';
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
    await waitFor(async () => (await badge(page)).state === 'live', 5000, 'badge live');
    const port = first.port;

    await first.stop();
    const down = await waitFor(
      async () => {
        const shown = await badge(page);
        return shown.state === 'reconnecting' && shown.text.includes('reconnecting') ? shown : undefined;
      },
      5000,
      'badge reconnecting',
    );
    assert.match(down?.text ?? '', /Retry/);

    const second = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: true, token: TOKEN });
    session.track(second);
    // As many changes as the first run had: the new run must still never reuse the version the page shows.
    second.updateContent(doc('second run'));
    await second.start();
    const started = Date.now();
    await waitFor(
      async () => (await page.textContent('#text')) === 'second run',
      2000,
      `new content after restart\n${tracked.logs.join('\n')}`,
    );
    assert.ok(Date.now() - started <= 2000);
    assert.equal(tracked.navigations(), 0);
    await waitFor(async () => (await badge(page)).state === 'live', 2000, 'badge live again');
  });

  it('finds a restarted server at once, not after the grown backoff', async () => {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    session.track(server);
    server.updateContent(doc('before'));
    await server.start();
    const tracked = await openTracked(session.browser, server.url);
    const { page } = tracked;
    await waitFor(async () => (await badge(page)).state === 'live', 5000, 'badge live');
    const port = server.port;
    await server.stop();
    // Let the backoff grow past a few seconds so only the origin probe can explain a quick reconnect.
    await waitFor(async () => /reconnecting in [3-5]s/.test((await badge(page)).text), 15_000, 'a long countdown');
    const again = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: true, token: TOKEN });
    session.track(again);
    again.updateContent(doc('after restart'));
    await again.start();
    await waitFor(
      async () => (await page.textContent('#text')) === 'after restart',
      1500,
      'content soon after listening',
    );
    assert.equal(tracked.navigations(), 0);
  });
});
