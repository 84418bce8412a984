/**
 * Folder mode: the editor lists the folder's documents and switches between them; "New SOP"
 * writes the init sample under a plain name in the folder and opens it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sampleSop } from '../../src/cli/init-command.js';
import { poll } from '../helpers/poll.js';
import { editorSuite, openEditor } from './editor-page.js';

describe('sop-preview edit: folder mode (real Chromium)', () => {
  const suite = editorSuite();

  it('lists the documents, switches between them, and creates a new SOP from the init sample', async () => {
    const run = await openEditor(suite.browser, suite.dir);
    try {
      const files = await run.page.getByLabel('Document').locator('option').allTextContents();
      assert.ok(files.includes('lab/ph-meter-calibration.sop.md'), files.join(', '));
      assert.ok(files.includes('notes.md'), files.join(', '));
      await run.page.getByLabel('Document').selectOption({ label: 'notes.md' });
      await poll(async () => (await run.page.locator('#ed-name').textContent()) === 'notes.md', {
        timeout: 10_000,
        message: 'notes.md',
      });
      await poll(() => run.page.locator('.cm-content').count(), { timeout: 10_000, message: 'the editor' });

      run.page.once('dialog', (dialog) => void dialog.accept('fresh-procedure'));
      await run.page.getByRole('button', { name: 'New SOP' }).click();
      const path = join(suite.dir, 'fresh-procedure.sop.yaml');
      await poll(() => readFile(path, 'utf8').catch(() => ''), { timeout: 10_000, message: 'the new file' });
      assert.equal(await readFile(path, 'utf8'), await sampleSop());
      await poll(async () => (await run.page.locator('#ed-name').textContent()) === 'fresh-procedure.sop.yaml', {
        timeout: 10_000,
        message: 'the new SOP opened',
      });
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
    }
  });
});
