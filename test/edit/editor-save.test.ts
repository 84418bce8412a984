/**
 * `sop-preview edit`: typing changes the preview at once (a patch, no reload, nothing written);
 * Ctrl+S writes exactly the buffer, atomically; the title shows unsaved changes.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { editorSuite, gotoLine, lineOf, openEditor, previewText } from './editor-page.js';

describe('sop-preview edit: preview as you type, save (real Chromium)', () => {
  const suite = editorSuite();

  for (const file of ['lab/ph-meter-calibration.sop.yaml', 'lab/ph-meter-calibration.sop.md']) {
    it(`${file}: typing updates the preview without saving; Ctrl+S writes exactly the buffer`, async () => {
      const path = join(suite.dir, file);
      const original = await readFile(path, 'utf8');
      const run = await openEditor(suite.browser, path);
      try {
        assert.match(run.url, /^http:\/\/127\.0\.0\.1:\d+\/__preview\/edit$/);
        const line = lineOf(original, 'blot it dry.');
        await gotoLine(run.page, line, original.split('\n')[line - 1]!.length + 1);
        const marker = ' typed-here';
        await run.page.keyboard.type(marker);
        await poll(async () => (await previewText(run)).includes('typed-here'), {
          timeout: 10_000,
          message: 'typed text in the preview',
        });
        assert.equal(await readFile(path, 'utf8'), original, 'nothing is written before Ctrl+S');
        assert.match(await run.page.title(), /^• /, 'the title marks unsaved changes');
        const warned = await run.page.evaluate(
          "(() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()",
        );
        assert.equal(warned, true, 'closing the tab with unsaved changes asks first');
        await run.page.keyboard.press('Control+s');
        const lines = original.split('\n');
        lines[line - 1] += marker;
        const expected = lines.join('\n');
        await poll(async () => (await readFile(path, 'utf8')) === expected, {
          timeout: 10_000,
          message: 'the saved file',
        });
        await poll(async () => !(await run.page.title()).startsWith('•'), {
          timeout: 5000,
          message: 'a clean title after saving',
        });
        assert.equal(run.previewNavigations(), 0, `the preview navigated; logs:\n${run.logs.join('\n')}`);
      } finally {
        assert.equal(await run.stop(), 0, run.cli.stderr());
      }
    });
  }
});
