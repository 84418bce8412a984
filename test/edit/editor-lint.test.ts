/**
 * Diagnostics in place: a YAML error typed in shows a lint mark on its line (and in the gutter)
 * within 150 ms of the last keystroke, and the overlay in the preview over the last good render;
 * undoing the mistake clears both.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { editorSuite, gotoLine, lineOf, openEditor, previewText } from './editor-page.js';

const OVERLAY = "document.querySelector('sop-preview-overlay')?.shadowRoot?.textContent ?? null";

// Records, in the page, the last keydown and the first time an error mark is on screen after it.
const WATCH_MARKS = `(() => {
  const w = window;
  w.__lastKey = 0; w.__markAt = 0;
  document.addEventListener('keydown', () => { w.__lastKey = performance.now(); w.__markAt = 0; }, true);
  new MutationObserver(() => {
    if (!w.__markAt && w.__lastKey && document.querySelector('.cm-lintRange-error')) w.__markAt = performance.now();
  }).observe(document.querySelector('.cm-editor'), { subtree: true, childList: true, attributes: true });
})()`;

/**
 * The goal is 150 ms (the best of three attempts). On a machine whose load is above its core
 * count every process gets only a share of a core, so the budget grows by that factor there.
 */
function lintBudgetMs(): number {
  return 150 * Math.max(1, loadavg()[0]! / cpus().length);
}

describe('sop-preview edit: diagnostics as lint marks (real Chromium)', () => {
  const suite = editorSuite();

  it('marks a YAML error on its line within 150 ms, shows the overlay, and a fix clears both', async () => {
    const path = join(suite.dir, 'lab', 'ph-meter-calibration.sop.yaml');
    const source = await readFile(path, 'utf8');
    const run = await openEditor(suite.browser, path);
    try {
      const goodText = await previewText(run);
      const line = lineOf(source, 'status: approved');
      await run.page.evaluate(WATCH_MARKS);
      const timings: number[] = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        if (attempt > 0) {
          await run.page.keyboard.press('Control+z');
          await poll(async () => (await run.page.locator('.cm-lintRange-error').count()) === 0, {
            timeout: 5000,
            message: 'mark cleared',
          });
        }
        await gotoLine(run.page, line, 'status: '.length + 1);
        await run.page.keyboard.type('[');
        await poll(() => run.page.evaluate('window.__markAt > 0'), { timeout: 5000, message: 'a lint mark' });
        timings.push((await run.page.evaluate('window.__markAt - window.__lastKey')) as number);
      }
      const best = Math.min(...timings);
      assert.ok(
        best <= lintBudgetMs(),
        `lint mark after the last keystroke: ${timings.map((t) => t.toFixed(1)).join(', ')} ms (budget ${lintBudgetMs().toFixed(0)} ms)`,
      );
      const markedLine = await run.page.evaluate(
        "document.querySelector('.cm-lintRange-error').closest('.cm-line').textContent",
      );
      assert.equal(markedLine, 'status: [approved', 'the mark sits on the broken line');
      assert.ok(await run.page.locator('.cm-gutter-lint .cm-lint-marker-error').count(), 'a gutter marker');
      const overlay = (await poll(() => run.preview().evaluate(OVERLAY), {
        timeout: 5000,
        message: 'the overlay',
      })) as string;
      assert.match(overlay, /ph-meter-calibration\.sop\.yaml:\d+:\d+/);
      assert.equal(await previewText(run), goodText, 'the last good render stays under the overlay');

      await run.page.keyboard.press('Control+z');
      await poll(async () => (await run.page.locator('.cm-lintRange-error').count()) === 0, {
        timeout: 5000,
        message: 'mark cleared',
      });
      await poll(async () => (await run.preview().evaluate(OVERLAY)) === null, {
        timeout: 5000,
        message: 'overlay cleared',
      });
      assert.equal(await run.page.locator('.cm-gutter-lint .cm-lint-marker-error').count(), 0);
      assert.equal(await readFile(path, 'utf8'), source, 'nothing was saved');
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
    }
  });
});
