/**
 * The client keeps the reader's state across live updates (issue acceptance 4): a 100 KB
 * document of keyed blocks, updated through the real server into every engine.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { EnginePage } from '../helpers/engine.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { count, type Evaluates, inPage, inputValue, textContent } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const STEPS = 500;

interface DocOptions {
  /** Text put into step `i` when `edits` maps it. */
  edits?: Map<number, string>;
  /** Keys of blocks inserted before step 50. */
  inserted?: number;
  /** Label of the form block (changing it changes the block that holds the focused input). */
  formLabel?: string;
  /** Text of a footer, also in the `<html>` start tag (changing it forces a whole-document update). */
  footer?: string;
  /** CSS `overflow-anchor` of the page: `none` turns off Chromium's own scroll anchoring. */
  overflowAnchor?: 'auto' | 'none';
}

/** A procedure of ~100 KB: a form block, then {@link STEPS} keyed steps of ~220 bytes. */
function makeDoc(options: DocOptions = {}): string {
  const parts: string[] = [];
  parts.push(
    `<section data-block="form"><h2>${options.formLabel ?? 'Sign-off'}</h2>` +
      '<label>Name <input id="name" type="text" value=""></label>' +
      '<label><input id="done" type="checkbox"> done</label>' +
      '<details id="more"><summary>More</summary><p>Hidden notes</p></details></section>',
  );
  for (let i = 0; i < STEPS; i += 1) {
    if (i === 50) {
      for (let j = 0; j < (options.inserted ?? 0); j += 1) {
        parts.push(`<section data-block="new-${j}"><h3>Inserted ${j}</h3><p>New step text ${j}.</p></section>`);
      }
    }
    const text =
      options.edits?.get(i) ?? `Step ${i} text: check the reagent, record the reading and initial the sheet.`;
    parts.push(
      `<section data-block="s${i}" id="s${i}"><h3>Step ${i}</h3><p class="t">${text}</p>` +
        `<p>Expected time: ${i % 7} min. Wear gloves and eye protection.</p></section>`,
    );
  }
  const style = `<style>body{margin:0;font:16px/1.5 sans-serif;overflow-anchor:${options.overflowAnchor ?? 'none'}}section{padding:8px 16px}</style>`;
  return (
    `<!doctype html><html data-footer="${options.footer ?? 'Rev A'}"><head><meta charset="utf-8"><title>SOP</title>${style}</head><body>` +
    `<main>${parts.join('')}</main><footer>${options.footer ?? 'Rev A'}</footer></body></html>`
  );
}

interface PreviewState {
  version: number;
  status: string;
  applied: number;
}

const state = (page: Evaluates) => inPage<PreviewState>(page, 'window.__SOP_PREVIEW_STATE__');

/** Waits until the page shows `version` (the client reports it after applying). */
async function waitForVersion(page: EnginePage, version: number): Promise<void> {
  try {
    await poll(async () => (await state(page)).version === version, { timeout: 10_000, message: `version ${version}` });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${(await page.logs()).join('\n')}`);
  }
}

/** True when the page logged a line containing `text`. */
const logged = async (page: EnginePage, text: string) => (await page.logs()).some((line) => line.includes(text));

forEachEngine('client morph keeps reader state', (session) => {
  async function openPreview(html: string, client: { debug?: boolean } = {}) {
    const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', client: { debug: true, ...client } });
    session.track(server);
    server.updateContent(html);
    await server.start();
    const page = await session.open(server.url, { width: 1000, height: 700 });
    await poll(async () => (await state(page))?.status === 'live', { timeout: 10_000, message: 'live' });
    return { server, page };
  }

  it('applies 20 updates without navigation and keeps scrollY for edits below the viewport', async () => {
    const first = makeDoc();
    assert.ok(first.length > 100_000, `document is ${first.length} bytes`);
    const { server, page } = await openPreview(first);
    await inPage(page, 'window.scrollTo(0, 3000)');
    const before = await inPage<number>(page, 'window.scrollY');
    assert.equal(before, 3000);
    const edits = new Map<number, string>();
    for (let i = 1; i <= 20; i += 1) {
      edits.set(300 + i, `Edited ${i}`);
      const { version, changed } = server.updateContent(makeDoc({ edits }));
      assert.ok(changed);
      await waitForVersion(page, version);
      const text = await textContent(page, `[data-block="s${300 + i}"] .t`);
      assert.equal(text, `Edited ${i}`);
      const scrollY = await inPage<number>(page, 'window.scrollY');
      assert.ok(Math.abs(scrollY - before) <= 1, `update ${i}: scrollY ${scrollY}, was ${before}`);
    }
    assert.equal((await state(page)).applied, 20);
    assert.equal(await page.navigations(), 0, (await page.logs()).join('\n'));
    assert.ok(await logged(page, '<- patch'), 'block edits travel as patches');
  });

  for (const overflowAnchor of ['none', 'auto'] as const) {
    it(`keeps the first visible block in place when 10 blocks are inserted above it (overflow-anchor: ${overflowAnchor})`, async () => {
      const { server, page } = await openPreview(makeDoc({ overflowAnchor }));
      await inPage(page, "document.getElementById('s120').scrollIntoView(); window.scrollBy(0, -37)");
      const top = () => inPage<number>(page, "document.getElementById('s120').getBoundingClientRect().top");
      const beforeTop = await top();
      const beforeY = await inPage<number>(page, 'window.scrollY');
      const { version } = server.updateContent(makeDoc({ inserted: 10, overflowAnchor }));
      await waitForVersion(page, version);
      assert.equal(await count(page, '[data-block^="new-"]'), 10);
      // The correction lands in the frame after the change.
      let afterTop = await top();
      await poll(
        async () => {
          afterTop = await top();
          return Math.abs(afterTop - beforeTop) <= 2;
        },
        { timeout: 3_000, message: () => `s120 top moved from ${beforeTop} to ${afterTop}` },
      );
      assert.ok(
        (await inPage<number>(page, 'window.scrollY')) > beforeY + 100,
        'the page scrolled by the inserted height',
      );
      assert.equal(await page.navigations(), 0);
    });
  }

  for (const kind of ['patch', 'update'] as const) {
    it(`keeps focus, typed value, caret, checkbox and <details> across a ${kind}`, async () => {
      const { server, page } = await openPreview(makeDoc());
      await page.click('#done');
      await page.click('#more summary');
      await page.click('#name');
      await page.type('hello world');
      for (let i = 0; i < 3; i += 1) await page.press('ArrowLeft');
      // The input's own block and its sibling change; `update` also changes the footer, outside blocks.
      const next = makeDoc({
        formLabel: 'Sign-off (revised)',
        edits: new Map([[0, 'Sibling edited']]),
        ...(kind === 'update' ? { footer: 'Rev B' } : {}),
      });
      const { version } = server.updateContent(next);
      await waitForVersion(page, version);
      assert.ok(await logged(page, `<- ${kind} v${version}`), `expected a ${kind}:\n${(await page.logs()).join('\n')}`);
      assert.equal(await textContent(page, '[data-block="form"] h2'), 'Sign-off (revised)');
      assert.equal(await textContent(page, '[data-block="s0"] .t'), 'Sibling edited');
      if (kind === 'update') assert.equal(await textContent(page, 'footer'), 'Rev B');
      const ownScripts = await inPage<number>(
        page,
        "document.querySelectorAll('head > script[data-sop-preview]:first-child').length",
      );
      assert.equal(ownScripts, 1, 'the injected script survives the morph, first in the head');
      const live = await inPage(
        page,
        `(() => {
          const input = document.getElementById('name');
          return {
            focused: document.activeElement === input,
            value: input.value,
            caret: [input.selectionStart, input.selectionEnd],
            checked: document.getElementById('done').checked,
            open: document.getElementById('more').open,
          };
        })()`,
      );
      assert.deepEqual(live, { focused: true, value: 'hello world', caret: [8, 8], checked: true, open: true });
      // Typing continues at the caret: proof that focus is real, not just reported.
      await page.type('X');
      assert.equal(await inputValue(page, '#name'), 'hello woXrld');
      assert.equal(await page.navigations(), 0);
    });
  }
});
