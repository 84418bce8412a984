/**
 * Pages with scripts (issue 9 item 4), in Chromium: what a page's own script added survives edits
 * to other elements, a script in an inserted block runs, an edited script takes effect (by a
 * reload), and the end state always equals a fresh load (which runs the scripts too).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked, type TrackedPage } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, liveSnapshot } from './dom-snapshot.js';

/** What mdBook, Sphinx and highlight.js pages do: build a table of contents and add a copy button to each `<pre>`. */
const decorate = (label: string): string =>
  `<script>
  const toc = document.createElement('nav');
  toc.id = 'toc';
  for (const h of document.querySelectorAll('h2')) {
    const a = document.createElement('a');
    a.textContent = h.textContent;
    toc.append(a);
  }
  document.body.prepend(toc);
  for (const pre of document.querySelectorAll('pre')) {
    const b = document.createElement('button');
    b.className = 'copy';
    b.textContent = '${label}';
    pre.append(b);
  }
</script>`;

interface PageOptions {
  paragraph?: string;
  label?: string;
  inserted?: string;
  headScript?: string;
}

/** A page of 40 sections (each over 1 KB, as in real documentation) and the decorating script. */
function page({
  paragraph = 'First paragraph.',
  label = 'copy',
  inserted = '',
  headScript = 'window.flag = 1;',
}: PageOptions): string {
  const sections: string[] = [];
  for (let i = 0; i < 40; i += 1) {
    sections.push(
      `<section><h2>Part ${i}</h2>\n<p>${i === 7 ? paragraph : `Text of part ${i}.`}</p>\n` +
        `<pre><code>let x = ${i};</code></pre>\n<p>${'More text of this part, as real pages have. '.repeat(30)}</p></section>` +
        (i === 20 ? inserted : ''),
    );
  }
  return (
    `<!doctype html><html><head><title>Scripts</title><script>${headScript}</script></head><body>\n` +
    `<main>\n${sections.join('\n')}\n</main>\n${decorate(label)}\n</body></html>`
  );
}

/** The version the page shows; 0 while a reload is under way. */
const version = (tracked: TrackedPage): Promise<number> =>
  inPage<number>(tracked.page, 'window.__SOP_PREVIEW_STATE__ ? window.__SOP_PREVIEW_STATE__.version : 0').catch(
    () => 0,
  );

describe('pages with scripts', () => {
  const session = previewSession();

  /** Asserts the live page equals a fresh load of the server's current document. */
  async function assertFreshLoad(server: LivePreviewServer, live: Page): Promise<void> {
    const fresh = await session.browser.newPage();
    try {
      await fresh.goto(server.url);
      const expected = await liveSnapshot(fresh);
      const actual = await liveSnapshot(live);
      assert.ok(actual === expected, firstDifference(actual, expected));
    } finally {
      await fresh.close();
    }
  }

  async function start(): Promise<{ server: LivePreviewServer; tracked: TrackedPage }> {
    const server = session.track(
      new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
    );
    await server.start();
    server.updateContent(page({}));
    const tracked = await openTracked(session.browser, server.url);
    // Connected first: a change made while the socket is still opening arrives as the resync's
    // whole update instead of the patch these tests are about.
    await poll(
      async () => (await inPage<string>(tracked.page, 'window.__SOP_PREVIEW_STATE__?.status ?? ""')) === 'live',
      { timeout: 30_000, message: 'live' },
    );
    return { server, tracked };
  }

  async function show(server: LivePreviewServer, tracked: TrackedPage, html: string): Promise<string> {
    let kind = '';
    server.once('update', (event: { kind: string }) => {
      kind = event.kind;
    });
    const { version: next } = server.updateContent(html);
    await poll(async () => (await version(tracked)) === next, { timeout: 30_000, message: `version ${next}` });
    return kind;
  }

  it('keeps the script-built table of contents and copy buttons across an unrelated edit', async () => {
    const { server, tracked } = await start();
    const count =
      "document.querySelectorAll('#toc a').length + ':' + document.querySelectorAll('pre button.copy').length";
    assert.equal(await inPage(tracked.page, count), '40:40');
    const kind = await show(server, tracked, page({ paragraph: 'An edited paragraph.' }));
    assert.equal(kind, 'patch');
    assert.equal(await inPage(tracked.page, count), '40:40', 'script-built DOM kept');
    assert.equal(tracked.navigations(), 0);
    await assertFreshLoad(server, tracked.page);
    await tracked.page.close();
  });

  it('runs a script inside an inserted block, once, as a fresh load does', async () => {
    const { server, tracked } = await start();
    const inserted =
      '<div class="widget"><p>Widget</p><script>document.currentScript.after(Object.assign(document.createElement("output"), { textContent: "made by a script" }));</script></div>';
    const kind = await show(server, tracked, page({ inserted }));
    assert.equal(kind, 'patch');
    assert.equal(
      await inPage(tracked.page, "document.querySelectorAll('.widget output').length"),
      1,
      tracked.logs.join('\n'),
    );
    assert.equal(tracked.navigations(), 0);
    await assertFreshLoad(server, tracked.page);
    await tracked.page.close();
  });

  it('makes an edited body script, head script or script source take effect by a reload', async () => {
    const { server, tracked } = await start();
    assert.equal(await show(server, tracked, page({ label: 'Copy code' })), 'reload');
    await poll(
      () =>
        inPage<string>(tracked.page, "document.querySelector('pre button.copy')?.textContent ?? ''").then(
          (t) => t === 'Copy code',
          // A reload under way destroys the page's context: not yet.
          () => false,
        ),
      { timeout: 30_000, message: 'the edited script ran' },
    );
    await assertFreshLoad(server, tracked.page);
    assert.equal(await show(server, tracked, page({ label: 'Copy code', headScript: 'window.flag = 2;' })), 'reload');
    await poll(
      () =>
        inPage<number>(tracked.page, 'window.flag').then(
          (flag) => flag === 2,
          () => false,
        ),
      {
        timeout: 30_000,
        message: 'head script ran',
      },
    );
    const external = page({ label: 'Copy code', headScript: 'window.flag = 2;' }).replace(
      '</head>',
      '<script src="data:text/javascript,window.external_ran=1"></script></head>',
    );
    assert.equal(await show(server, tracked, external), 'reload');
    await poll(
      () =>
        // The head script runs before the body is parsed: wait for the body's script too.
        inPage<boolean>(tracked.page, "window.external_ran === 1 && document.readyState === 'complete'").then(
          (ran) => ran,
          () => false,
        ),
      {
        timeout: 30_000,
        message: 'external',
      },
    );
    await assertFreshLoad(server, tracked.page);
    await tracked.page.close();
  });

  it('reloads a page that connects with a version from before a script change', async () => {
    // A save lands between a page's request and its socket's hello (as right after a reload): the
    // page never gets the reload broadcast, so its hello must get one.
    const { server, tracked } = await start();
    const late = await session.browser.newPage();
    try {
      // Until released, the page's sockets go to a closed port, so it keeps retrying.
      await late.addInitScript(`{
        const Real = window.WebSocket;
        window.WebSocket = class extends Real {
          constructor(url, protocols) {
            super(window.__releaseSockets ? url : 'ws://127.0.0.1:9/', protocols);
          }
        };
      }`);
      let loads = 0;
      late.on('load', () => {
        loads += 1;
      });
      await late.goto(server.url);
      assert.equal(await show(server, tracked, page({ label: 'Copy code' })), 'reload');
      await inPage(late, 'window.__releaseSockets = true');
      await poll(
        () =>
          inPage<boolean>(
            late,
            "document.querySelector('pre button.copy')?.textContent === 'Copy code' && document.readyState === 'complete'",
          ).catch(() => false),
        { timeout: 30_000, message: 'the page reloaded and ran the new script' },
      );
      assert.equal(loads, 2, 'one reload');
      await assertFreshLoad(server, late);
    } finally {
      await late.close();
      await tracked.page.close();
    }
  });
});
