/**
 * With the port taken and `--strict-port`, the CLI previews through a self-refreshing temp file
 * that follows edits and is removed on exit; with `--no-fallback` it exits 1 with a clear message.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { copyExamples, runCli, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { bodyText } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

describe('sop-preview file fallback (CLI)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let blocker: Server;
  let port: number;

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise((resolve) => blocker?.close(resolve));
    await browser?.close();
    await examples?.cleanup();
  });

  it('writes a self-refreshing file that follows edits, and removes it on exit', async () => {
    const path = join(examples.dir, 'plain.html');
    const cli = startCli([path, '--port', String(port), '--strict-port', '--no-open']);
    try {
      const url = await cli.waitForLine(/^Fallback: (file:\S+)$/m);
      const file = fileURLToPath(url);
      await poll(() => /PREVIEW_ERR_PORT_IN_USE/.test(cli.stderr()), {
        timeout: 5000,
        message: 'warning naming the reason',
      });
      assert.match(await readFile(file, 'utf8'), /Shift handover board/);

      const tracked = await openTracked(browser, url);
      const marker = `fallback-edit-${Date.now()}`;
      const source = await readFile(path, 'utf8');
      await writeFile(path, source.replace('Running batch', `${marker} Running batch`));
      await poll(async () => (await readFile(file, 'utf8')).includes(marker), {
        timeout: 5000,
        message: 'fallback file rewritten',
      });
      // The page reloads every second, so an evaluation can land mid-navigation: retry it.
      const shown = async (): Promise<boolean> => (await bodyText(tracked.page).catch(() => '')).includes(marker);
      await poll(shown, { timeout: 5000, message: 'page refreshed itself' });
      assert.ok(tracked.navigations() >= 1, 'the fallback page reloads (that is how it refreshes)');
      await tracked.page.close();

      assert.equal(await cli.stop(), 0, cli.stderr());
      assert.equal(existsSync(dirname(file)), false, 'temp folder removed on exit');
    } finally {
      await cli.stop();
    }
  });

  it('exits 1 with a clear message when the fallback is off', async () => {
    const { code, stdout, stderr } = await runCli([
      join(examples.dir, 'notes.md'),
      '--port',
      String(port),
      '--strict-port',
      '--no-fallback',
      '--no-open',
    ]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /^error: .*PREVIEW_ERR_PORT_IN_USE/m);
    assert.match(stderr, new RegExp(String(port)));
    assert.doesNotMatch(stdout, /Local:|Fallback:/);
  });
});
