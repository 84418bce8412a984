/**
 * A page left open while the preview restarts on the same port with a new token (an app toggling
 * its preview off and on, the CLI run again) resumes by itself: it fetches the new token from its
 * own origin, reconnects and resyncs in place, within 2 s of the new server listening, in real
 * Chromium through the library and the CLI. When another program answers on the port, the badge
 * says so; when sop-preview refuses the page (LAN mode with a stale cookie), it asks for a reload.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { BACKOFF_MAX_MS } from '../../src/client/backoff.js';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { copyExamples, startCli } from '../cli/spawn-cli.js';
import { openTracked, type TrackedPage } from '../helpers/browser.js';
import { badge, bodyText } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';

/** The limit the issue sets from "the new server listens" to "the page shows its content". */
const RESUME_MS = 2000;

const doc = (text: string) =>
  `<!doctype html><html><head><title>T</title></head><body><main data-block="m"><p id="text">${text}</p></main></body></html>`;

const waitForState = (page: Page, state: string, timeoutMs: number) =>
  poll(
    async () => {
      const shown = await badge(page);
      return shown.state === state ? shown : undefined;
    },
    { timeout: timeoutMs, message: `badge ${state}` },
  );

/** Waits until the page shows `text`, no later than {@link RESUME_MS} after `since`; no navigation. */
async function assertResumed(tracked: TrackedPage, since: number, has: (text: string) => boolean): Promise<void> {
  await poll(async () => has(await bodyText(tracked.page)), {
    timeout: RESUME_MS,
    message: `resumed\n${tracked.logs.join('\n')}`,
  });
  const took = Date.now() - since;
  assert.ok(took <= RESUME_MS, `resumed after ${took} ms`);
  assert.equal(tracked.navigations(), 0, 'resumed in place, without a navigation');
  await waitForState(tracked.page, 'live', RESUME_MS);
}

describe('a page resumes after a restart with a new token', () => {
  const session = previewSession();

  /** Starts a library server with `text` on `port` (0: any) and a random token. */
  const serve = async (text: string, port = 0, requireToken = false): Promise<LivePreviewServer> => {
    const server = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: port !== 0, requireToken });
    session.track(server);
    server.updateContent(doc(text));
    await server.start();
    return server;
  };

  it('library: stop, then a new server on the same port with a new token', async () => {
    const first = await serve('first run');
    const tracked = await openTracked(session.browser, first.url);
    await waitForState(tracked.page, 'live', 5000);
    const { port, token } = first;
    await first.stop();
    await waitForState(tracked.page, 'reconnecting', 5000);
    // Let the socket backoff grow, so only the origin probe can explain a quick resume.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const second = await serve('second run', port);
    assert.notEqual(second.token, token);
    await assertResumed(tracked, Date.now(), (text) => text.includes('second run'));
    assert.equal(second.stats().clients.total, 1);

    // The resumed page is live on the new run: later edits arrive too.
    second.updateContent(doc('second run, edited'));
    await poll(async () => (await bodyText(tracked.page)).includes('edited'), {
      timeout: 5000,
      message: 'an edit after resuming',
    });
    assert.equal(tracked.navigations(), 0);
    await tracked.page.close();
  });

  it('CLI: Ctrl+C, then sop-preview run again on the same port', async () => {
    const examples = await copyExamples();
    const file = join(examples.dir, 'plain.html');
    const first = startCli([file, '--port', '0', '--no-open']);
    let second: ReturnType<typeof startCli> | undefined;
    try {
      const url = await first.waitForLine(/^Local: (\S+)$/m, 30_000);
      const tracked = await openTracked(session.browser, url);
      await waitForState(tracked.page, 'live', 5000);
      assert.equal(await first.stop(), 0, first.stderr());
      await waitForState(tracked.page, 'reconnecting', 5000);
      const marker = `second-cli-run-${Date.now()}`;
      await writeFile(file, doc(marker));
      second = startCli([file, '--port', new URL(url).port, '--no-open']);
      assert.equal(await second.waitForLine(/^Local: (\S+)$/m, 30_000), url, 'the same port again');
      await assertResumed(tracked, Date.now(), (text) => text.includes(marker));
      await tracked.page.close();
      assert.equal(await second.stop(), 0, second.stderr());
    } finally {
      // Only cleanup here: an assertion in `finally` would hide the failure that got us here.
      await first.stop();
      await second?.stop();
      await examples.cleanup();
    }
  });

  it('says "not sop-preview" while another program answers on the port, then resumes', async () => {
    const first = await serve('first run');
    const port = first.port;
    const tracked = await openTracked(session.browser, first.url);
    await waitForState(tracked.page, 'live', 5000);
    await first.stop();
    const other = createServer((_req, res) => res.end('<!doctype html><title>another app</title><p>hello</p>'));
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const shown = await waitForState(tracked.page, 'foreign', 10_000);
      assert.match(shown?.text ?? '', /not sop-preview/);
      assert.deepEqual(shown?.buttons, ['Retry']);
      const role = await tracked.page.evaluate(
        "document.querySelector('sop-preview-badge').shadowRoot.querySelector('[role=status]').textContent",
      );
      assert.match(String(role), /another program now answers on this port/, 'announced to assistive technology');
      assert.equal(await tracked.page.textContent('#text'), 'first run', 'the last content stays');
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
    // Back to sop-preview: found at the next socket attempt, within the backoff's longest wait.
    const back = await serve('back again', port);
    assert.ok(back.port === port);
    await poll(async () => (await bodyText(tracked.page)).includes('back again'), {
      timeout: BACKOFF_MAX_MS + RESUME_MS,
      message: `resumed\n${tracked.logs.join('\n')}`,
    });
    assert.equal(tracked.navigations(), 0);
    await waitForState(tracked.page, 'live', RESUME_MS);
    await tracked.page.close();
  });

  it('asks for a reload when the new run refuses the page (token required, stale cookie)', async () => {
    const first = await serve('first run', 0, true);
    const tracked = await openTracked(session.browser, `${first.url}?token=${encodeURIComponent(first.token)}`);
    await waitForState(tracked.page, 'live', 5000);
    const port = first.port;
    await first.stop();
    await serve('second run', port, true);
    const shown = await waitForState(tracked.page, 'refused', 10_000);
    assert.match(shown?.text ?? '', /reload to reconnect/);
    assert.deepEqual(shown?.buttons, ['Reload']);
    assert.equal(await tracked.page.textContent('#text'), 'first run');
    await tracked.page.close();
  });
});
