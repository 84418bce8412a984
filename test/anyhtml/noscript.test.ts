/**
 * `<noscript>` content, in Chromium: a page parses it as text (scripting is on), while the parsers
 * a patch or a whole-document update goes through parse it as markup. After a full update, a
 * patch that inserts one, and a head change, the live page equals a fresh load.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, liveSnapshot } from './dom-snapshot.js';

/** As mdBook writes it: a sidebar that needs scripts, and a fallback in `<noscript>`. */
const SIDEBAR = '<noscript>\n  <iframe class="sidebar" src="toc.html"></iframe> &amp; <b>more</b>\n</noscript>';

function page(sections: number, { extra = '', title = 'Noscript' } = {}): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i += 1)
    parts.push(`<section><h2>Part ${i}</h2><p>${'Some text. '.repeat(20)}</p></section>`);
  return (
    `<!doctype html><html><head><title>${title}</title><noscript><meta name="robots" content="noindex"></noscript></head>` +
    `<body>\n<nav>${SIDEBAR}</nav>\n<main>\n${parts.join('\n')}${extra}\n</main>\n</body></html>`
  );
}

describe('<noscript> content', () => {
  const session = previewSession();

  it('stays text after a full update, a patch that inserts one and a head change', async () => {
    const server = session.track(
      new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
    );
    await server.start();
    server.updateContent(page(30));
    const kinds: string[] = [];
    server.on('update', (event: { kind: string }) => kinds.push(event.kind));
    const tracked = await openTracked(session.browser, server.url);
    await poll(
      async () => (await inPage<string>(tracked.page, 'window.__SOP_PREVIEW_STATE__?.status ?? ""')) === 'live',
      { timeout: 30_000, message: 'live' },
    );
    const fresh = await session.browser.newPage();
    try {
      const inserted = `<section><h2>Inserted</h2>${SIDEBAR}</section>`;
      const steps = [
        // An `<a>` left open: browsers and the server's parser could disagree, so the whole page goes.
        page(30, { extra: '<p><a name="end"/>End</p>' }),
        page(30, { extra: inserted }),
        page(30, { extra: `${inserted}${inserted}` }),
        page(30, { extra: `${inserted}${inserted}`, title: 'Renamed' }),
      ];
      for (const html of steps) {
        const { version } = server.updateContent(html);
        await poll(
          () => inPage<number>(tracked.page, 'window.__SOP_PREVIEW_STATE__.version').then((v) => v === version),
          { timeout: 30_000, message: `version ${version}` },
        );
        await fresh.goto(server.url);
        const expected = await liveSnapshot(fresh);
        assert.ok(expected.includes('&amp; <b>more</b>'), 'a fresh load reads the content as text');
        const live = await liveSnapshot(tracked.page);
        assert.ok(live === expected, `after ${kinds.at(-1)}: ${firstDifference(live, expected)}`);
      }
      assert.deepEqual(kinds, ['update', 'update', 'patch', 'patch']);
      assert.equal(tracked.navigations(), 0);
    } finally {
      await fresh.close();
      await tracked.page.close();
    }
  });
});
