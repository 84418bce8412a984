/**
 * Live theme switch from the editor toolbar: the preview's computed styles change at once, with
 * no navigation, and only in that viewer (another tab on the same preview keeps its theme); the
 * preview's own badge menu switches the same page and the two agree.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { editorSuite, openEditor } from './editor-page.js';

const BACKGROUND = 'getComputedStyle(document.body).backgroundColor';

describe('sop-preview edit: live theme switch (real Chromium)', () => {
  const suite = editorSuite();

  it('switches the preview to the dark theme and back, CSS only, in one viewer', async () => {
    const run = await openEditor(suite.browser, join(suite.dir, 'lab', 'ph-meter-calibration.sop.yaml'));
    const other = await suite.browser.newPage();
    try {
      await other.goto(new URL('/', run.url).href);
      const before = (await run.preview().evaluate(BACKGROUND)) as string;
      assert.equal(await other.evaluate(BACKGROUND), before);
      await run.page.getByLabel('Theme').selectOption('dark');
      await poll(async () => (await run.preview().evaluate(BACKGROUND)) !== before, {
        timeout: 5000,
        message: 'dark background',
      });
      assert.equal(await other.evaluate(BACKGROUND), before, 'the other viewer keeps its theme');
      // The preview's badge menu and the toolbar switch the same page, and each shows the other's choice.
      await run.preview().getByRole('button', { name: 'Theme' }).click();
      assert.equal(await run.preview().getByRole('radio', { name: 'dark' }).isChecked(), true);
      await run.preview().getByRole('radio', { name: 'print' }).check();
      await poll(
        () => run.preview().evaluate('Boolean(document.querySelector("[data-sop-theme-override=print]")?.sheet)'),
        {
          timeout: 5000,
          message: 'print from the badge menu',
        },
      );
      await run.page.getByLabel('Theme').focus();
      assert.equal(await run.page.getByLabel('Theme').inputValue(), 'print', 'the toolbar shows the badge menu choice');
      await run.page.getByLabel('Theme').selectOption('default');
      await poll(async () => (await run.preview().evaluate(BACKGROUND)) === before, {
        timeout: 5000,
        message: 'default again',
      });
      assert.equal(run.previewNavigations(), 0, 'no navigation');
    } finally {
      await other.close();
      assert.equal(await run.stop(), 0, run.cli.stderr());
    }
  });
});
