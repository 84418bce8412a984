/**
 * A page with scripts of its own, left open while the preview restarts on the same port with a
 * new token, resumes in place when the new run serves the same scripts: no navigation, its
 * scripts not run again, the reader's typed value, ticked checkbox and scroll position kept, and
 * the next save applied in place. When the scripts changed meanwhile, it reloads exactly once (a
 * morph would not run them as a fresh load does) and is live afterwards. In every engine.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { EnginePage } from '../helpers/engine.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { badge, inPage, inputValue, textContent } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

/** Generous: Firefox and WebKit are slower than Chromium, and the machine is shared. */
const WAIT_MS = 15_000;

/**
 * A page whose head script counts its runs in the window and its loads in `sessionStorage` (which
 * outlives a reload of the tab), and whose body script counts its runs. `rev` is part of both
 * scripts, so changing it changes the page's scripts.
 */
function page(text: string, rev: string, loadsKey: string): string {
  const headScript =
    `window.headRuns = (window.headRuns || 0) + 1; window.scriptRev = ${JSON.stringify(rev)};` +
    `sessionStorage.setItem(${JSON.stringify(loadsKey)}, String(Number(sessionStorage.getItem(${JSON.stringify(loadsKey)}) || 0) + 1));`;
  const steps = Array.from(
    { length: 80 },
    (_, i) =>
      `<section data-block="s${i}" id="s${i}"><h3>Step ${i}</h3><p>Record the reading of step ${i}.</p></section>`,
  ).join('');
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>R</title>` +
    `<style>body{margin:0;font:16px/1.5 sans-serif}section{padding:8px 16px}</style>` +
    `<script>${headScript}</script></head><body>` +
    `<p data-block="text" id="text">${text}</p>` +
    `<section data-block="form"><label>Note <input id="note" type="text" value=""></label>` +
    `<label><input id="tick" type="checkbox"> done</label></section>` +
    `<main>${steps}</main>` +
    `<script>window.bodyRuns = (window.bodyRuns || 0) + 1; window.bodyRev = ${JSON.stringify(rev)};</script>` +
    `</body></html>`
  );
}

interface PageFacts {
  marker: string | null;
  headRuns: number;
  bodyRuns: number;
  scriptRev: string;
  loads: number;
  scrollY: number;
  ticked: boolean;
}

const facts = (tab: EnginePage, loadsKey: string): Promise<PageFacts> =>
  inPage(
    tab,
    `({ marker: window.restartMarker ?? null, headRuns: window.headRuns, bodyRuns: window.bodyRuns,
        scriptRev: window.scriptRev, loads: Number(sessionStorage.getItem(${JSON.stringify(loadsKey)})),
        scrollY: Math.round(window.scrollY), ticked: document.getElementById('tick').checked })`,
  );

const waitForLive = (tab: EnginePage) =>
  poll(async () => (await badge(tab)).state === 'live', { timeout: WAIT_MS, message: 'badge live' });

/** Waits until `#text` reads `text`, with the page's log in the failure message. */
async function waitForText(tab: EnginePage, text: string): Promise<void> {
  try {
    await poll(async () => (await textContent(tab, '#text')) === text, { timeout: WAIT_MS, message: `"${text}"` });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${(await tab.logs()).join('\n')}`);
  }
}

forEachEngine('a page with its own scripts across a restart with a new token', (session) => {
  let runs = 0;

  /** A library server with `html` on `port` (0: any), its own random token. */
  const serve = async (html: string, port = 0): Promise<LivePreviewServer> => {
    const server = new LivePreviewServer({ port, host: '127.0.0.1', strictPort: port !== 0 });
    session.track(server);
    server.updateContent(html);
    await server.start();
    return server;
  };

  /** Opens a page on a fresh server, lets the reader type, tick and scroll; then stops the server. */
  async function openAndUse(loadsKey: string) {
    const first = await serve(page('first run', 'r1', loadsKey));
    const tab = await session.open(first.url);
    await waitForLive(tab);
    await tab.click('#note');
    await tab.type('typed before');
    await tab.click('#tick');
    await inPage(tab, "(window.restartMarker = 'same document', document.getElementById('s40').scrollIntoView(), 0)");
    const before = await facts(tab, loadsKey);
    assert.ok(before.scrollY > 500, `scrolled (${before.scrollY})`);
    assert.deepEqual(
      { ...before, scrollY: 0 },
      { marker: 'same document', headRuns: 1, bodyRuns: 1, scriptRev: 'r1', loads: 1, scrollY: 0, ticked: true },
    );
    const { port, token } = first;
    await first.stop();
    await poll(async () => (await badge(tab)).state !== 'live', { timeout: WAIT_MS, message: 'the page saw the stop' });
    return { tab, port, token, before };
  }

  it('resumes in place when the scripts are unchanged, keeping what the reader did', async () => {
    runs += 1;
    const loadsKey = `loads-same-${runs}`;
    const { tab, port, token, before } = await openAndUse(loadsKey);

    const second = await serve(page('second run', 'r1', loadsKey), port);
    assert.notEqual(second.token, token);
    await waitForText(tab, 'second run');
    await waitForLive(tab);
    const after = await facts(tab, loadsKey);
    assert.equal(after.marker, 'same document', 'no navigation: the window kept what was set in it');
    assert.equal(await tab.navigations(), 0);
    assert.deepEqual([after.headRuns, after.bodyRuns, after.loads], [1, 1, 1], 'the scripts did not run again');
    assert.equal(await inputValue(tab, '#note'), 'typed before');
    assert.equal(after.ticked, true, 'the checkbox stays ticked');
    assert.ok(Math.abs(after.scrollY - before.scrollY) <= 2, `scroll kept: ${before.scrollY} → ${after.scrollY}`);

    // Live on the new run: the next save applies in place.
    second.updateContent(page('second run, edited', 'r1', loadsKey));
    await waitForText(tab, 'second run, edited');
    const edited = await facts(tab, loadsKey);
    assert.equal(edited.marker, 'same document');
    assert.equal(await tab.navigations(), 0);
    assert.deepEqual([edited.headRuns, edited.bodyRuns, edited.loads], [1, 1, 1]);
    assert.equal(await inputValue(tab, '#note'), 'typed before');
    await tab.close();
  });

  it('reloads exactly once when the scripts changed during the restart, then is live', async () => {
    runs += 1;
    const loadsKey = `loads-changed-${runs}`;
    const { tab, port } = await openAndUse(loadsKey);

    const second = await serve(page('second run', 'r2', loadsKey), port);
    // Evaluating while the page navigates can fail: that is the reload under way.
    const rev = () => inPage<string | null>(tab, 'window.scriptRev ?? null').catch(() => null);
    await poll(async () => (await rev()) === 'r2', {
      timeout: WAIT_MS,
      message: 'the new scripts ran',
    });
    await waitForText(tab, 'second run');
    await waitForLive(tab);
    // Anything more than one reload would follow within moments of the first.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = await facts(tab, loadsKey);
    assert.equal(after.loads, 2, 'loaded exactly once more');
    assert.equal(after.marker, null, 'a new document');
    assert.deepEqual([after.headRuns, after.bodyRuns], [1, 1]);

    second.updateContent(page('second run, edited', 'r2', loadsKey));
    await waitForText(tab, 'second run, edited');
    const edited = await facts(tab, loadsKey);
    assert.equal(edited.loads, 2, 'the save after the reload applied in place');
    assert.deepEqual([edited.headRuns, edited.bodyRuns], [1, 1]);
    await tab.close();
  });
});
