/**
 * Scroll sync both ways on a 300-step SOP (real Chromium): a reader's wheel scroll of the preview
 * brings the source of the block at the preview's top to the top of the editor, and a wheel
 * scroll of the editor brings its block to the top of the preview. No feedback loop: the side the
 * reader scrolled is never scrolled back by the sync, and the other side moves once per user scroll
 * (the sync's own scrolls are counted in the page).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { poll } from '../helpers/poll.js';
import { cursorLine, type EditorRun, editorSuite, openEditor } from './editor-page.js';
import { longYaml } from './long-sop.js';

/**
 * Records, in order, each scroll event of either side and each programmatic scroll of the preview
 * (the sync scrolls it with `scrollTo` or `scrollIntoView`; a page-level spy, no product hooks).
 */
const SPY = `(() => {
  const win = document.getElementById('ed-preview').contentWindow;
  const scroller = document.querySelector('.cm-scroller');
  const spy = { log: [] };
  const into = win.Element.prototype.scrollIntoView;
  win.Element.prototype.scrollIntoView = function (...args) { spy.log.push('preview-scroll'); return into.apply(this, args); };
  const to = win.scrollTo;
  win.scrollTo = function (...args) { spy.log.push('preview-scroll'); return to.apply(this, args); };
  // Capture listeners, so each event is logged before the sync's own handler runs for it.
  win.addEventListener('scroll', () => spy.log.push('preview-event'), true);
  document.addEventListener('scroll', (event) => event.target === scroller && spy.log.push('editor-event'), true);
  window.__spy = spy;
})()`;

interface Spy {
  log: Array<'preview-scroll' | 'preview-event' | 'editor-event'>;
}
const spy = (page: Page) => page.evaluate('({ log: [...window.__spy.log] })') as Promise<Spy>;
const counted = (log: Spy['log'], kind: Spy['log'][number]) => log.filter((entry) => entry === kind).length;

/** The text of the first editor line whose bottom is below the scroller's top edge. */
const editorTopLine = (page: Page) =>
  page.evaluate(`(() => {
    const top = document.querySelector('.cm-scroller').getBoundingClientRect().top;
    return [...document.querySelectorAll('.cm-line')].find((line) => line.getBoundingClientRect().bottom > top + 1)?.textContent ?? '';
  })()`) as Promise<string>;

/** The number of the first editor line whose bottom is below the scroller's top edge (from the gutter). */
const editorTopLineNumber = (page: Page) =>
  page.evaluate(`(() => {
    const top = document.querySelector('.cm-scroller').getBoundingClientRect().top;
    const cell = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')]
      .find((el) => /^\\d+$/.test(el.textContent) && el.getBoundingClientRect().bottom > top + 1);
    return Number(cell?.textContent);
  })()`) as Promise<number>;

/** Step `n`'s element box, relative to the preview's viewport. */
const stepBox = (frame: Frame, n: number) =>
  frame.evaluate(`(() => {
    const r = [...document.querySelectorAll('li.sop-step')]
      .find((li) => li.querySelector('.sop-step-text')?.textContent === 'Action ${n}.').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  })()`) as Promise<{ top: number; bottom: number }>;
const stepTop = async (frame: Frame, n: number) => (await stepBox(frame, n)).top;

/** Waits until `read` gives the same value for `quietMs`, and returns it. */
async function settled<T>(read: () => Promise<T>, quietMs = 400): Promise<T> {
  let last = await read();
  let since = Date.now();
  return poll(
    async () => {
      const now = await read();
      if (JSON.stringify(now) !== JSON.stringify(last)) {
        last = now;
        since = Date.now();
        return undefined;
      }
      return Date.now() - since >= quietMs ? { value: now } : undefined;
    },
    { timeout: 15_000, message: 'scrolling to settle' },
  ).then((result) => result.value);
}

/** Moves the mouse over `selector` (in the editor page) and turns the wheel by `deltaY` pixels. */
async function wheelOver(run: EditorRun, selector: string, deltaY: number): Promise<void> {
  const box = await run.page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  await run.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await run.page.mouse.wheel(0, deltaY);
}

describe('sop-preview edit: scroll sync (real Chromium)', () => {
  const suite = editorSuite();

  it('scrolling the preview scrolls the editor, and the editor the preview, with no ping-pong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sop-edit-scroll-'));
    const path = join(dir, 'long.sop.yaml');
    const sop = longYaml();
    await writeFile(path, sop.text);
    const run = await openEditor(suite.browser, path);
    try {
      const frame = run.preview();
      // The source map arrives on the editor socket, after the preview page: wait until a click maps.
      await frame.locator('li.sop-step .sop-step-text', { hasText: 'Action 1.' }).first().click();
      await poll(async () => (await cursorLine(run.page)) === sop.firstLine.get(1), {
        timeout: 10_000,
        message: 'the source map',
      });
      await run.page.evaluate(SPY);

      // Preview → editor: wheel the preview until step 120 sits just above the top edge.
      const n = 120;
      const wanted = Math.round((await stepTop(frame, n)) + 3);
      await wheelOver(run, '#ed-preview', wanted);
      await poll(async () => (await frame.evaluate('scrollY')) !== 0, {
        timeout: 5000,
        message: 'the preview scrolls',
      });
      const previewY = await settled(() => frame.evaluate('scrollY') as Promise<number>);
      const top = await stepTop(frame, n);
      assert.ok(
        top <= 1 && top > -20,
        `step ${n} starts at the top of the preview (top ${top}, scrollY ${previewY}, wheel ${wanted})`,
      );
      let shown = '';
      await poll(
        async () => {
          shown = await editorTopLine(run.page);
          return shown.includes(`Action ${n}.`);
        },
        {
          timeout: 5000,
          message: () =>
            `the editor shows step ${n}'s first line (line ${sop.firstLine.get(n)}) at its top, not "${shown}"`,
        },
      );
      await settled(() => editorTopLine(run.page));
      const afterPreview = (await spy(run.page)).log;
      assert.equal(counted(afterPreview, 'preview-scroll'), 0, 'the sync never scrolled the preview back');
      assert.equal(await frame.evaluate('scrollY'), previewY, 'the preview stays where the reader put it');
      assert.ok(counted(afterPreview, 'editor-event') >= 1, 'the editor was scrolled');

      // Editor → preview: wheel the editor down; the preview follows to the block at its top.
      await wheelOver(run, '.cm-scroller', 1500);
      const editorLine = await settled(() => editorTopLine(run.page));
      const topNumber = await editorTopLineNumber(run.page);
      // The step whose source holds the editor's top line (its own line, details or a sub-step).
      const step = Math.max(...[...sop.firstLine].filter(([, line]) => line <= topNumber).map(([k]) => k));
      assert.ok(step > n, `the editor moved down (line ${topNumber}: ${editorLine})`);
      let seen = { top: 0, bottom: 0 };
      await poll(
        async () => {
          seen = await stepBox(frame, step);
          return seen.top <= 1 && seen.bottom > 0;
        },
        {
          timeout: 5000,
          message: () =>
            `step ${step} (editor line ${topNumber}) at the top of the preview, not at ${JSON.stringify(seen)}`,
        },
      );
      await settled(() => frame.evaluate('scrollY'));
      const log = (await spy(run.page)).log.slice(afterPreview.length);
      const previewScrolls = counted(log, 'preview-scroll');
      assert.ok(previewScrolls >= 1, 'the preview followed');
      assert.ok(
        previewScrolls <= counted(log, 'editor-event'),
        `at most one preview scroll per editor scroll event (${log.join(' ')})`,
      );
      // A loop would show as the editor moving again after the preview was moved for it.
      assert.deepEqual(
        log.slice(log.lastIndexOf('preview-scroll')).filter((entry) => entry === 'editor-event'),
        [],
        `the editor did not move after the sync scrolled the preview (${log.join(' ')})`,
      );
      assert.equal(await editorTopLine(run.page), editorLine, 'the editor stays where the reader put it');
      assert.equal(run.previewNavigations(), 0);
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await rm(dir, { recursive: true, force: true });
    }
  });
});
