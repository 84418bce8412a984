/**
 * `sop-preview <file> --no-open` end to end: the CLI prints its URL, an open Chromium page follows
 * edits without navigating (for .sop.yaml, .sop.md, .md and .html), and a malformed save shows
 * the overlay with file:line:col over the last good content until it is fixed.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { copyExamples, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { bodyText, overlayText } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

describe('sop-preview serve (CLI, real Chromium)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
  });
  after(async () => {
    await browser?.close();
    await examples?.cleanup();
  });

  const cases = [
    { name: '.sop.yaml', file: 'lab/ph-meter-calibration.sop.yaml', find: 'blot it dry.' },
    { name: '.sop.md', file: 'lab/ph-meter-calibration.sop.md', find: 'blot it dry.' },
    { name: '.md', file: 'notes.md', find: 'Check the KCl fill level of every refillable electrode.' },
    { name: '.html', file: 'plain.html', find: 'Running batch 25-0412, 61 % complete.' },
  ];

  for (const { name, file, find } of cases) {
    it(`prints the URL and follows edits of a ${name} file without navigating`, async () => {
      const path = join(examples.dir, file);
      const cli = startCli([path, '--port', '0', '--no-open']);
      try {
        const url = await cli.waitForLine(/^Local: (\S+)$/m);
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
        const tracked = await openTracked(browser, url);
        const marker = `edited-${name}-${Date.now()}`;
        assert.ok(!(await bodyText(tracked.page)).includes(marker));
        const source = await readFile(path, 'utf8');
        assert.ok(source.includes(find), `fixture text missing in ${file}`);
        await writeFile(path, source.replace(find, `${find} ${marker}`));
        await poll(async () => (await bodyText(tracked.page)).includes(marker), {
          timeout: 5000,
          message: `${marker} in the page`,
        });
        assert.equal(tracked.navigations(), 0, `page navigated; logs:\n${tracked.logs.join('\n')}`);
        await tracked.page.close();
      } finally {
        assert.equal(await cli.stop(), 0, cli.stderr());
      }
    });
  }

  it('shows a malformed save as an overlay with file:line:col, keeps the last good render, clears on fix', async () => {
    const path = join(examples.dir, 'lab', 'ph-meter-calibration.sop.yaml');
    const cli = startCli([path, '--port', '0', '--no-open']);
    try {
      const url = await cli.waitForLine(/^Local: (\S+)$/m);
      const tracked = await openTracked(browser, url);
      const good = await readFile(path, 'utf8');
      const goodText = await bodyText(tracked.page);
      assert.ok(good.includes('status: approved'));
      const statusLine = good.split('\n').findIndex((line) => line.startsWith('status: approved')) + 1;
      await writeFile(path, good.replace('status: approved', 'status: [approved'));
      const shown = (await poll(() => overlayText(tracked.page), { timeout: 5000, message: 'overlay' })) ?? '';
      assert.match(shown, /ph-meter-calibration\.sop\.yaml:\d+:\d+/);
      assert.ok(
        new RegExp(`:(${statusLine}|${statusLine + 1}):`).test(shown),
        `overlay should point near line ${statusLine}: ${shown}`,
      );
      assert.equal(await bodyText(tracked.page), goodText, 'the last good render stays under the overlay');
      await poll(() => /ph-meter-calibration\.sop\.yaml:\d+:\d+/.test(cli.stderr()), {
        timeout: 5000,
        message: 'terminal diagnostic',
      });

      const marker = `fixed-${Date.now()}`;
      await writeFile(path, good.replace('blot it dry.', `blot it dry. ${marker}`));
      await poll(async () => (await bodyText(tracked.page)).includes(marker), {
        timeout: 5000,
        message: 'fixed content',
      });
      await poll(async () => (await overlayText(tracked.page)) === undefined, {
        timeout: 5000,
        message: 'overlay cleared',
      });
      assert.equal(tracked.navigations(), 0);
      await tracked.page.close();
    } finally {
      assert.equal(await cli.stop(), 0, cli.stderr());
    }
  });

  it('--debug logs the messages in and out, and --mode reload is accepted', async () => {
    const cli = startCli([join(examples.dir, 'notes.md'), '--port', '0', '--no-open', '--debug', '--mode', 'reload']);
    try {
      const url = await cli.waitForLine(/^Local: (\S+)$/m);
      const tracked = await openTracked(browser, url);
      await poll(() => /\[debug\] <-.*hello/.test(cli.stderr()), { timeout: 5000, message: 'incoming hello logged' });
      await poll(() => /\[debug\] ->.*hello/.test(cli.stderr()), { timeout: 5000, message: 'outgoing hello logged' });
      await tracked.page.close();
    } finally {
      assert.equal(await cli.stop(), 0, cli.stderr());
    }
  });
});
