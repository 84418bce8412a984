/**
 * The client's visual aids and head handling against the real server, in every engine: the error
 * overlay, `<head>` stylesheet changes without navigation, the flash bar and its off switch, the
 * change highlight, and `reload` mode. Reduced motion is emulated in Chromium only (the other
 * drivers cannot emulate media features per page).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { LivePreviewServerOptions } from '../../src/server/options.js';
import { openTracked } from '../helpers/browser.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { type Evaluates, inPage, textContent } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { previewSession } from '../helpers/preview-session.js';

const page = (body: string, head = '') =>
  `<!doctype html><html><head><title>A</title>${head}</head><body>${body}</body></html>`;

const steps = (label: string) =>
  `<main><section data-block="a"><p id="a">A ${label}</p></section><section data-block="b"><p id="b">B</p></section></main>`;

interface PreviewState {
  version: number;
  status: string;
}

const state = (p: Evaluates) => inPage<PreviewState | null>(p, 'window.__SOP_PREVIEW_STATE__ ?? null');

/** Waits until the page shows `version` (what a test saved), however many frames brought it. */
const showsVersion = (p: Evaluates, version: number) =>
  poll(async () => (await state(p))?.version === version, { timeout: 30_000, message: `version ${version}` });

/** Waits for the flash bar and the change highlight: drawn in the frame after a change (they read layout). */
async function aidsDrawn(p: Evaluates): Promise<void> {
  await poll(
    async () =>
      (await inPage(p, "document.querySelector('sop-preview-flash')?.hasAttribute('data-sop-preview')")) === true,
    { timeout: 5_000, message: 'the flash bar appears by the next frame' },
  );
  await poll(
    async () =>
      (await inPage<number>(
        p,
        "document.querySelector('sop-preview-highlight')?.shadowRoot?.querySelectorAll('.x').length ?? 0",
      )) > 0,
    { timeout: 5_000, message: 'the highlight appears by the next frame' },
  );
}

/** Text inside one of our shadow hosts, or null when the host is absent. */
const shadowText = (p: Evaluates, tag: string) =>
  inPage<string | null>(p, `document.querySelector('${tag}')?.shadowRoot?.textContent ?? null`);

/** A folder with two stylesheets for the `<link>` swap, removed after the suite. */
function stylesheetRoot(): { readonly path: string } {
  let path: string | undefined;
  before(async () => {
    path = await mkdtemp(join(tmpdir(), 'sop-client-aids-'));
    await writeFile(join(path, 'old.css'), 'body { background-color: rgb(200, 0, 0); }');
    await writeFile(join(path, 'new.css'), 'body { background-color: rgb(0, 0, 200); }');
  });
  after(async () => {
    if (path) await rm(path, { recursive: true, force: true });
  });
  return {
    get path(): string {
      if (!path) throw new Error('the folder is made in before(): use it inside a test');
      return path;
    },
  };
}

forEachEngine('client visual aids and head merge', (session) => {
  const folder = stylesheetRoot();

  async function openPreview(html: string, options: LivePreviewServerOptions = {}) {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', root: folder.path, ...options });
    session.track(server);
    server.updateContent(html);
    await server.start();
    const p = await session.open(server.url);
    await poll(async () => (await state(p))?.status === 'live', { timeout: 30_000, message: 'live' });
    return { server, page: p };
  }

  it('shows an error overlay with file:line:column over the document and clears it on the next update', async () => {
    const { server, page: p } = await openPreview(page(steps('one')));
    server.setError({
      code: 'SOP_ERR_SCHEMA',
      message: 'steps[3].text: expected text, got a list',
      file: 'procedure.sop.yaml',
      line: 12,
      column: 7,
      frame: '  11 |   - text: Mix\n> 12 |   - text:\n     |       ^',
    });
    const shown =
      (await poll(() => shadowText(p, 'sop-preview-overlay'), { timeout: 30_000, message: 'overlay' })) ?? '';
    assert.match(shown, /procedure\.sop\.yaml:12:7/);
    assert.match(shown, /steps\[3\]\.text: expected text, got a list/);
    assert.match(shown, /SOP_ERR_SCHEMA/);
    assert.equal(await inPage(p, "document.querySelector('sop-preview-overlay pre') === null"), true);
    assert.equal(
      await inPage(p, "document.querySelector('sop-preview-overlay').shadowRoot.querySelector('pre').textContent"),
      '  11 |   - text: Mix\n> 12 |   - text:\n     |       ^',
    );
    assert.equal(await textContent(p, '#a'), 'A one', 'the last good render stays underneath');
    assert.equal((await state(p))?.status, 'error');

    server.updateContent(page(steps('two')));
    await poll(async () => (await textContent(p, '#a')) === 'A two', { timeout: 30_000, message: 'next update' });
    await poll(async () => (await shadowText(p, 'sop-preview-overlay')) === null, {
      timeout: 30_000,
      message: 'overlay cleared',
    });
    assert.equal((await state(p))?.status, 'live');
    assert.equal(await p.navigations(), 0);
  });

  it('dismisses the overlay on request', async () => {
    const { server, page: p } = await openPreview(page(steps('one')));
    server.setError({ code: 'PREVIEW_ERR_RENDER', message: 'render failed' });
    await poll(() => shadowText(p, 'sop-preview-overlay'), { timeout: 30_000, message: 'overlay' });
    await p.click('sop-preview-overlay >>> button');
    await poll(async () => (await shadowText(p, 'sop-preview-overlay')) === null, {
      timeout: 30_000,
      message: 'overlay dismissed',
    });
  });

  it('applies a <style> change in <head> without navigation', async () => {
    const style = (color: string) => `<style>body { background-color: ${color}; }</style>`;
    const { server, page: p } = await openPreview(page(steps('one'), style('rgb(255, 255, 255)')));
    const background = () => inPage<string>(p, 'getComputedStyle(document.body).backgroundColor');
    assert.equal(await background(), 'rgb(255, 255, 255)');
    server.updateContent(page(steps('one'), style('rgb(0, 128, 0)')));
    await poll(async () => (await background()) === 'rgb(0, 128, 0)', { timeout: 30_000, message: 'new background' });
    assert.equal(await p.navigations(), 0);
  });

  it('swaps a stylesheet <link>: the new one is loaded before the old one goes', async () => {
    const link = (name: string) => `<link rel="stylesheet" href="/${name}.css">`;
    const { server, page: p } = await openPreview(page(steps('one'), link('old')));
    const background = () => inPage<string>(p, 'getComputedStyle(document.body).backgroundColor');
    await poll(async () => (await background()) === 'rgb(200, 0, 0)', { timeout: 30_000, message: 'old stylesheet' });
    // Record every background the body shows while the swap happens: unstyled white must never appear.
    await inPage(
      p,
      `window.seen = [];
      new MutationObserver(() => window.seen.push(getComputedStyle(document.body).backgroundColor))
        .observe(document.head, { childList: true, subtree: true, attributes: true })`,
    );
    server.updateContent(page(steps('one'), link('new')));
    await poll(async () => (await background()) === 'rgb(0, 0, 200)', { timeout: 30_000, message: 'new stylesheet' });
    const links = await inPage(
      p,
      "Array.from(document.querySelectorAll('link[rel=stylesheet]'), (link) => link.getAttribute('href'))",
    );
    assert.deepEqual(links, ['/new.css']);
    const seen = await inPage<string[]>(p, 'window.seen');
    assert.ok(seen.length > 0);
    assert.ok(
      seen.every((color) => color === 'rgb(200, 0, 0)' || color === 'rgb(0, 0, 200)'),
      `backgrounds during the swap: ${seen.join(', ')}`,
    );
    assert.equal(await p.navigations(), 0);
  });

  it('flashes the top bar and outlines changed blocks on update', async () => {
    const { server, page: p } = await openPreview(page(steps('one')));
    assert.equal(await inPage(p, "document.querySelector('sop-preview-flash')"), null);
    await showsVersion(p, server.updateContent(page(steps('two'))).version);
    await aidsDrawn(p);
    const boxes = await inPage<{ count: number; height?: string; blockHeight: string }>(
      p,
      `(() => {
        const root = document.querySelector('sop-preview-highlight')?.shadowRoot;
        const block = document.querySelector('[data-block="a"]').getBoundingClientRect();
        return {
          count: root ? root.querySelectorAll('.x').length : 0,
          height: root?.querySelector('.x')?.style.height,
          blockHeight: block.height + 'px',
        };
      })()`,
    );
    assert.equal(boxes.count, 1, 'only block "a" changed');
    assert.equal(boxes.height, boxes.blockHeight);
  });

  it('shows no flash bar, highlight or badge when they are turned off', async () => {
    const { server, page: p } = await openPreview(page(steps('one')), {
      client: { flash: false, highlight: false, badge: false },
    });
    await showsVersion(p, server.updateContent(page(steps('two'))).version);
    assert.equal(await textContent(p, '#a'), 'A two');
    // The aids are drawn at the next frame or 100 ms after the change at the latest: look after that.
    const shown = await inPage<number>(p, 'performance.now()');
    await poll(async () => (await inPage<number>(p, 'performance.now()')) > shown + 250, {
      message: 'the page past the frame after the change',
    });
    const own = await inPage(
      p,
      "['sop-preview-flash', 'sop-preview-highlight', 'sop-preview-badge'].filter((tag) => document.querySelector(tag))",
    );
    assert.deepEqual(own, []);
  });

  it('asks for the whole document when a patch does not fit the DOM, and repairs it', async () => {
    const { server, page: p } = await openPreview(page(steps('one')), { client: { debug: true } });
    // Something outside sop-preview removed block "b": a patch of "b" has no target.
    await inPage(p, `document.querySelector('[data-block="b"]').remove()`);
    const { version } = server.updateContent(page(steps('one').replace('<p id="b">B</p>', '<p id="b">B2</p>')));
    await poll(async () => (await state(p))?.version === version, { timeout: 30_000, message: `version ${version}` });
    assert.equal(await textContent(p, '#b'), 'B2');
    // The order on the wire: the patch that did not fit, a hello asking for more, the full update.
    const logs = await p.logs();
    const at = (text: string, from = 0) => logs.findIndex((line, i) => i >= from && line.includes(text));
    const patch = at(`<- patch v${version}`);
    const hello = at('-> hello', patch);
    const update = at(`<- update v${version}`, hello);
    assert.ok(patch >= 0 && hello > patch && update > hello, logs.join('\n'));
    assert.equal(await p.navigations(), 0);
  });

  it('previews a named document in a folder (doc name with "/")', async () => {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', root: folder.path });
    session.track(server);
    server.updateContent(page(steps('index')));
    server.updateContent(page(steps('lab one')), { doc: 'lab/ph.html' });
    await server.start();
    const p = await session.open(`${server.url}lab/ph.html`);
    await poll(async () => (await state(p))?.status === 'live', { timeout: 30_000, message: 'live' });
    assert.equal(await textContent(p, '#a'), 'A lab one');
    server.updateContent(page(steps('index two')));
    server.updateContent(page(steps('lab two')), { doc: 'lab/ph.html' });
    await poll(async () => (await textContent(p, '#a')) === 'A lab two', { timeout: 30_000, message: 'lab update' });
    assert.equal(await p.navigations(), 0);
  });

  it('reloads the page on change in reload mode', async () => {
    const { server, page: p } = await openPreview(page(steps('one')), { mode: 'reload' });
    server.updateContent(page(steps('two')));
    await poll(async () => (await p.navigations()) === 1, { timeout: 30_000, message: 'a reload' });
    await poll(async () => (await textContent(p, '#a').catch(() => null)) === 'A two', {
      timeout: 30_000,
      message: 'new content',
    });
  });
});

describe('client visual aids under reduced motion [chromium]', () => {
  const chromium = previewSession();

  it('keeps the flash still under prefers-reduced-motion', async () => {
    const server = chromium.track(new LivePreviewServer({ port: 0, host: '127.0.0.1' }));
    server.updateContent(page(steps('one')));
    await server.start();
    const { page: p } = await openTracked(chromium.browser, server.url);
    await poll(async () => (await state(p))?.status === 'live', { timeout: 30_000, message: 'live' });
    await p.emulateMedia({ reducedMotion: 'reduce' });
    await showsVersion(p, server.updateContent(page(steps('two'))).version);
    await aidsDrawn(p);
    const animations = await inPage(
      p,
      `(() => {
        const bar = document.querySelector('sop-preview-flash').shadowRoot.querySelector('.f');
        const box = document.querySelector('sop-preview-highlight').shadowRoot.querySelector('.x');
        return [getComputedStyle(bar).animationName, getComputedStyle(box).animationName];
      })()`,
    );
    assert.deepEqual(animations, ['sop-flash-still', 'none']);
  });
});
