/**
 * The client survives a server restart (issue acceptance 5): it shows "reconnecting", keeps
 * retrying, and after a new server comes up on the same port it resyncs by version, no reload,
 * soon after the server listens whatever the backoff has grown to. Runs in every engine.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { badge, textContent } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const TOKEN = 'reconnect-test-token-0123456789';

const doc = (text: string) =>
  `<!doctype html><html><head><title>R</title></head><body><main data-block="m"><p id="text">${text}</p></main></body></html>`;

forEachEngine('client reconnect', (session) => {
  it('shows reconnecting while the server is down and the new content within 2 s of a restart', async () => {
    const first = new LivePreviewServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    session.track(first);
    first.updateContent(doc('first run'));
    await first.start();
    const page = await session.open(first.url);
    await poll(async () => (await badge(page)).state === 'live', { timeout: 10_000, message: 'badge live' });
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
    await poll(async () => (await textContent(page, '#text')) === 'second run', {
      timeout: 2000,
      message: `new content after restart\n${(await page.logs()).join('\n')}`,
    });
    assert.equal(await page.navigations(), 0);
    await poll(async () => (await badge(page)).state === 'live', { timeout: 2000, message: 'badge live again' });
  });

  it('finds a restarted server at once, not after the grown backoff', async () => {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', token: TOKEN });
    session.track(server);
    server.updateContent(doc('before'));
    await server.start();
    const page = await session.open(server.url);
    await poll(async () => (await badge(page)).state === 'live', { timeout: 10_000, message: 'badge live' });
    const port = server.port;
    await server.stop();
    // Let the backoff grow past a few seconds so only the origin probe can explain a quick reconnect.
    await poll(async () => /reconnecting in [3-5]s/.test((await badge(page)).text), {
      timeout: 15_000,
      message: 'a long countdown',
    });
    const again = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: true, token: TOKEN });
    session.track(again);
    again.updateContent(doc('after restart'));
    await again.start();
    await poll(async () => (await textContent(page, '#text')) === 'after restart', {
      timeout: 1500,
      message: 'content soon after listening',
    });
    assert.equal(await page.navigations(), 0);
  });
});
