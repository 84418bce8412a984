/**
 * HTML as it is typed (issue 22 item 1): an editor that saves on every keystroke writes each
 * construct one character at a time into a page with content after the caret. Half-typed
 * constructs (an open `<script>`, `<!--`, `<textarea>`, `<style>`, `<template>`, `<svg>`, `<math>`,
 * an open attribute quote) swallow what follows them; the client must not be part of what they
 * swallow. In every engine: each version reaches the page, the page loads only for versions whose
 * scripts changed (at most once each, none for a page without scripts), the client is still live
 * afterwards, and the DOM ends equal to a fresh load. A page opened while the source is broken
 * updates once it is fixed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { PreviewManager } from '../../src/manager/preview-manager.js';
import { SopFileSource } from '../../src/manager/sop-file-source.js';
import type { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { firstDifference, snapshotsAt } from '../anyhtml/dom-snapshot.js';
import type { EnginePage } from '../helpers/engine.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { bodyText, inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

/** A construct as typed, and a prefix of it that leaves it open (for a page opened while broken). */
interface Construct {
  name: string;
  typed: string;
  open: string;
  /** Whether the finished construct is a script: its versions reload the page, once each at most. */
  script: boolean;
}

const CONSTRUCTS: readonly Construct[] = [
  { name: 'script', typed: '<script>var a = 1;</script>', open: '<script>var a', script: true },
  { name: 'comment', typed: '<!-- note -->', open: '<!-- note', script: false },
  { name: 'textarea', typed: '<textarea>x</textarea>', open: '<textarea>x', script: false },
  { name: 'style', typed: '<style>p{}</style>', open: '<style>p{', script: false },
  { name: 'template', typed: '<template><p>t</p></template>', open: '<template><p>t', script: false },
  { name: 'svg', typed: '<svg><circle/></svg>', open: '<svg><circle', script: false },
  { name: 'math', typed: '<math><mi>x</mi></math>', open: '<math><mi>x', script: false },
  { name: 'attribute quote', typed: '<p title="a b">q</p>', open: '<p title="a b', script: false },
];

/** The page, with `typed` between content before and after it, and a marker at the end. */
const page = (typed: string, marker = 'marker-0'): string =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Typing</title>
</head>
<body>
<h1>Typing test</h1>
<p id="before">Before the caret.</p>
${typed}
<p id="after">After the caret.</p>
<section><p>More content after the insertion point, as in any real page.</p></section>
<p id="marker">${marker}</p>
</body>
</html>
`;

/** The version the page shows; 0 while none is readable (a load under way). */
const shown = (tab: EnginePage): Promise<number> =>
  inPage<number | null>(tab, 'window.__SOP_PREVIEW_STATE__ ? window.__SOP_PREVIEW_STATE__.version : 0').then(
    (version) => version ?? 0,
    () => 0,
  );

forEachEngine('typing HTML into a previewed page', (session) => {
  /** A watched file, its preview and the counts the assertions need. */
  async function preview(initial: string, waitLive = true) {
    const dir = await mkdtemp(join(tmpdir(), 'sop-typing-'));
    const file = join(dir, 'page.html');
    await writeFile(file, initial);
    const source = await SopFileSource.forFile(file);
    // Every load of the page asks the server for the document: counted from the server's log,
    // the same way in every engine (WebKit's driver cannot count navigations exactly).
    let loads = 0;
    const manager = new PreviewManager({
      render: source.render,
      server: {
        port: 0,
        host: '127.0.0.1',
        client: { badge: false, flash: false, highlight: false, overlay: false },
        debug: (line) => {
          if (line === 'http GET /') loads += 1;
        },
      },
    });
    await source.watch(() => manager.requestUpdate());
    await manager.open();
    const server = manager.server as LivePreviewServer;
    const updates: { version: number; kind: string }[] = [];
    server.on('update', (event) => updates.push({ version: event.version, kind: event.kind }));
    const tab = await session.open(manager.url as string).catch(async (error: unknown) => {
      await Promise.all([source.close(), manager.close()]);
      throw error;
    });
    const closeAll = async (): Promise<void> => {
      await tab.close();
      await source.close();
      await manager.close();
      await rm(dir, { recursive: true, force: true });
    };
    // A page that reloads at once (the lost-bootstrap case) is not read: its context goes mid-read.
    if (waitLive)
      await poll(
        async () =>
          (await inPage<string | null>(tab, 'window.__SOP_PREVIEW_STATE__?.status ?? null').catch(() => null)) ===
          'live',
        {
          timeout: 20_000,
          message: 'the page goes live',
        },
      ).catch(async (error: unknown) => {
        await closeAll();
        throw error;
      });
    const loadsAtOpen = loads;
    let current = initial;
    return {
      tab,
      updates,
      /** Page loads since the page was opened and went live. */
      loads: () => loads - loadsAtOpen,
      /** Page loads, the first one included. */
      allLoads: () => loads,
      /** Saves `html` and waits until the server has taken it (not for the page); returns its version. */
      async store(html: string, what: string): Promise<number> {
        const seen = updates.length;
        current = html;
        await writeFile(file, html);
        await poll(() => updates.length > seen, { timeout: 10_000, message: `the server takes ${what}` });
        return updates[updates.length - 1]?.version ?? 0;
      },
      /** Saves `html` and waits until the server has its version and the page shows it. */
      async save(html: string, what: string): Promise<number> {
        const version = await this.store(html, what);
        await poll(async () => (await shown(tab)) === version, {
          timeout: 20_000,
          message: `the page shows ${what} (v${version})`,
        });
        return version;
      },
      /** Asserts the live DOM equals a fresh parse of the current source (mode included). */
      async assertExact(version: number, what: string): Promise<void> {
        const { live, fresh } = await snapshotsAt(tab, version, current);
        assert.ok(live === fresh, `${what}: ${firstDifference(live, fresh)}`);
      },
      close: closeAll,
    };
  }

  for (const construct of CONSTRUCTS) {
    it(`${construct.name}: typed one character per save, every version shows, the client stays live`, async (t) => {
      const live = await preview(page(''));
      try {
        let version = 0;
        for (let length = 1; length <= construct.typed.length; length += 1) {
          const typed = construct.typed.slice(0, length);
          version = await live.save(page(typed), JSON.stringify(typed));
        }
        const reloads = live.updates.filter((update) => update.kind === 'reload').length;
        const loads = live.loads();
        t.diagnostic(
          `${session.engine} ${construct.name}: ${construct.typed.length} saves, ${reloads} reload versions, ${loads} loads`,
        );
        if (construct.script) assert.ok(loads <= reloads, `${loads} loads for ${reloads} versions that needed one`);
        else assert.equal(loads, 0, 'a page without scripts never reloads');
        await live.assertExact(version, 'after the last save');

        // Still live: a later edit after the construct arrives in place.
        const before = live.loads();
        await live.save(page(construct.typed, 'marker-1'), 'the marker edit');
        assert.match(await bodyText(live.tab), /marker-1/);
        assert.equal(live.loads(), before, 'the marker edit needs no load');
      } finally {
        await live.close();
      }
    });
  }

  it('script: typed as fast as the server takes the saves, the page loads at most once per version that needs it', async (t) => {
    const live = await preview(page(''));
    try {
      const typed = '<script>var a = 1;</script>';
      let version = 0;
      for (let length = 1; length <= typed.length; length += 1) {
        const partial = typed.slice(0, length);
        version = await live.store(page(partial), JSON.stringify(partial));
      }
      // The last save's version reaches the page, and the page then stays on it.
      await poll(async () => (await shown(live.tab)) === version, { timeout: 20_000, message: 'the last version' });
      const reloads = live.updates.filter((update) => update.kind === 'reload').length;
      const loads = live.loads();
      t.diagnostic(`${session.engine} fast script: ${typed.length} saves, ${reloads} reload versions, ${loads} loads`);
      assert.ok(loads <= reloads, `${loads} loads for ${reloads} versions that needed one`);
      await live.assertExact(version, 'after the last save');
    } finally {
      await live.close();
    }
  });

  it('a page whose bootstrap was lost reloads once for a version, not in a loop', async () => {
    // The page's own script blanks the client's bootstrap, as a swallowing construct once did: the
    // client then claims version 0, which a document with scripts always answers with a reload.
    const sabotage = `<script>document.querySelector('script[data-sop-bootstrap]').setAttribute('data-sop-bootstrap', '{}');</script>`;
    const live = await preview(page(sabotage), false);
    try {
      // Counted by the server, not read in the page: WebKit's console copy starts after a new
      // document's first scripts ran, and reading a page that reloads at once races its navigation.
      await poll(() => live.allLoads() >= 2, { timeout: 20_000, message: 'the one reload' });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.equal(live.allLoads(), 2, 'the first load and one reload, then no more');
    } finally {
      await live.close();
    }
  });

  for (const construct of CONSTRUCTS) {
    it(`${construct.name}: a page opened while it is open (${JSON.stringify(construct.open)}) updates once it is fixed`, async () => {
      const live = await preview(page(construct.open));
      try {
        const version = await live.save(page(construct.typed, 'fixed-marker'), 'the fix');
        assert.match(await bodyText(live.tab), /fixed-marker/);
        assert.ok(live.loads() <= (construct.script ? 1 : 0), `${live.loads()} loads`);
        await live.assertExact(version, 'after the fix');
      } finally {
        await live.close();
      }
    });
  }
});
