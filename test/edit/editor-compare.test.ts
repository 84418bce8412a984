/**
 * `sop-preview edit FILE --compare REV` (real Chromium, a real git repository): the preview is the
 * redline against the committed revision and follows what is typed, before any save: a changed
 * word shows as `<del>`/`<ins>` at once, and undoing it takes the marks away again.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { gitRepoWithEdit } from '../review/git-repo.js';
import { BASE_SOP } from '../review/redline-helpers.js';
import { editorSuite, gotoLine, lineOf, openEditor } from './editor-page.js';

/** The texts of the preview's `<ins>` and `<del>` elements. */
const marks = (frame: { evaluate(expression: string): Promise<unknown> }) =>
  frame.evaluate(`({
    ins: [...document.querySelectorAll('ins')].map((el) => el.textContent.trim()),
    del: [...document.querySelectorAll('del')].map((el) => el.textContent.trim()),
  })`) as Promise<{ ins: string[]; del: string[] }>;

describe('sop-preview edit --compare (real Chromium)', () => {
  const suite = editorSuite();

  it('shows the redline of the unsaved buffer against a git revision as you type', async () => {
    const repo = await gitRepoWithEdit(BASE_SOP);
    const run = await openEditor(suite.browser, repo.file, ['--compare', 'HEAD']);
    try {
      const frame = run.preview();
      await poll(() => frame.evaluate('Boolean(document.querySelector("[data-block=rl-summary]"))'), {
        timeout: 10_000,
        message: 'the redline summary in the preview',
      });
      assert.deepEqual(await marks(frame), { ins: [], del: [] }, 'no changes yet');

      const line = lineOf(BASE_SOP, 'dry for five minutes');
      await gotoLine(run.page, line, BASE_SOP.split('\n')[line - 1]!.indexOf('five') + 1);
      for (let i = 0; i < 'five'.length; i++) await run.page.keyboard.press('Shift+ArrowRight');
      await run.page.keyboard.type('ten');
      let seen = { ins: [] as string[], del: [] as string[] };
      await poll(
        async () => {
          seen = await marks(frame);
          return seen.ins.includes('ten') && seen.del.includes('five');
        },
        {
          timeout: 10_000,
          message: () => `<ins>ten</ins> and <del>five</del> in the preview, not ${JSON.stringify(seen)}`,
        },
      );
      assert.equal(await readFile(repo.file, 'utf8'), BASE_SOP, 'nothing is saved');

      await run.page.keyboard.press('Control+z');
      await poll(async () => (await marks(frame)).ins.length + (await marks(frame)).del.length === 0, {
        timeout: 10_000,
        message: 'undo takes the marks away',
      });
      assert.equal(run.previewNavigations(), 0, `the preview navigated; logs:\n${run.logs.join('\n')}`);
    } finally {
      assert.equal(await run.stop(), 0, run.cli.stderr());
      await repo.cleanup();
    }
  });
});
