/**
 * Changes on disk while the editor is open: a clean buffer reloads in place and keeps the cursor;
 * a dirty one shows the conflict bar and loses nothing ("keep mine" then saves mine, "load from
 * disk" takes theirs); a second editor tab sees the first one's save.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { cursorLine, editorSuite, gotoLine, lineOf, lineText, openEditor } from './editor-page.js';

describe('sop-preview edit: disk changes and conflicts (real Chromium)', () => {
  const suite = editorSuite();
  const path = (): string => join(suite.dir, 'lab', 'ph-meter-calibration.sop.yaml');

  it('a clean buffer reloads in place when the file changes on disk, keeping the cursor', async () => {
    const original = await readFile(path(), 'utf8');
    const run = await openEditor(suite.browser, path());
    try {
      const line = lineOf(original, 'blot it dry.');
      await gotoLine(run.page, line + 3);
      await writeFile(path(), original.replace('blot it dry.', 'blot it dry. changed-on-disk'));
      await poll(async () => (await run.page.locator('.cm-content').textContent())?.includes('changed-on-disk'), {
        timeout: 10_000,
        message: 'reload',
      });
      assert.equal(await cursorLine(run.page), line + 3, 'the cursor stays on its line');
      assert.equal(await run.page.locator('#ed-conflict').isHidden(), true, 'no conflict for a clean buffer');
      assert.doesNotMatch(await run.page.title(), /^•/);
      assert.ok((await lineText(run.page, line)).includes('changed-on-disk'));
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await writeFile(path(), original);
    }
  });

  it('a dirty buffer shows the conflict bar; "keep mine" then saves mine, "load from disk" takes theirs', async () => {
    const original = await readFile(path(), 'utf8');
    const run = await openEditor(suite.browser, path());
    try {
      const line = lineOf(original, 'blot it dry.');
      const length = original.split('\n')[line - 1]!.length;
      await gotoLine(run.page, line, length + 1);
      await run.page.keyboard.type(' mine-1');
      const theirs = original.replace('Immerse', 'Theirs-1 Immerse');
      await writeFile(path(), theirs);
      await poll(() => run.page.locator('#ed-conflict').isVisible(), { timeout: 10_000, message: 'the conflict bar' });
      assert.equal(await readFile(path(), 'utf8'), theirs, 'the disk keeps their change');
      assert.ok((await lineText(run.page, line)).endsWith('mine-1'), 'the buffer keeps mine');
      await run.page.getByRole('button', { name: 'Keep mine' }).click();
      await run.page.keyboard.press('Control+s');
      await poll(async () => (await readFile(path(), 'utf8')).includes('mine-1'), {
        timeout: 10_000,
        message: 'my save',
      });
      assert.ok(!(await readFile(path(), 'utf8')).includes('Theirs-1'), 'keep mine replaced theirs knowingly');

      await gotoLine(run.page, line, length + 1 + ' mine-1'.length);
      await run.page.keyboard.type(' mine-2');
      const saved = await readFile(path(), 'utf8');
      await writeFile(path(), saved.replace('Immerse', 'Theirs-2 Immerse'));
      await poll(() => run.page.locator('#ed-conflict').isVisible(), {
        timeout: 10_000,
        message: 'the second conflict bar',
      });
      await run.page.getByRole('button', { name: 'Load from disk' }).click();
      await poll(async () => (await run.page.locator('.cm-content').textContent())?.includes('Theirs-2'), {
        timeout: 10_000,
        message: 'theirs loaded',
      });
      assert.equal(await run.page.locator('#ed-conflict').isHidden(), true);
      assert.doesNotMatch(await run.page.title(), /^•/, 'clean after loading from disk');
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await writeFile(path(), original);
    }
  });

  it("two editor tabs on one file see each other's saves", async () => {
    const original = await readFile(path(), 'utf8');
    const run = await openEditor(suite.browser, path());
    const other = await suite.browser.newPage();
    try {
      await other.goto(run.url);
      await poll(() => other.locator('.cm-content').count(), { timeout: 10_000, message: 'the second editor' });
      const line = lineOf(original, 'blot it dry.');
      await gotoLine(run.page, line, original.split('\n')[line - 1]!.length + 1);
      await run.page.keyboard.type(' from-tab-one');
      await run.page.keyboard.press('Control+s');
      await poll(async () => (await readFile(path(), 'utf8')).includes('from-tab-one'), {
        timeout: 10_000,
        message: 'the save',
      });
      await poll(async () => (await lineText(other, line)).includes('from-tab-one'), {
        timeout: 10_000,
        message: 'the other tab',
      });
    } finally {
      await other.close();
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await writeFile(path(), original);
    }
  });
});
