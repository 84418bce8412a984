/**
 * The library path a GUI uses (SopFileSource + PreviewManager + the real server), against real
 * Chromium: the editor save patterns that break naive watchers each update the page, and a burst
 * of 200 saves ends on the final content without ever rendering twice at once.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { PreviewManager } from '../../src/manager/preview-manager.js';
import { SopFileSource } from '../../src/manager/sop-file-source.js';
import { copyExamples } from '../cli/spawn-cli.js';
import { launchChromium, openTracked, type TrackedPage } from '../helpers/browser.js';
import { bodyText, inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const run = promisify(execFile);

describe('watching a document through its saves (library, real Chromium)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let source: SopFileSource;
  let manager: PreviewManager;
  let tracked: TrackedPage;
  let path: string;
  let original: string;
  let counter = 0;
  // Watched from outside the manager: its own counters would only restate its bookkeeping.
  let running = 0;
  let overlapped = false;

  const edited = (marker: string): string => original.replace('blot it dry.', `blot it dry. ${marker}`);
  const expectShown = async (marker: string, what: string): Promise<void> => {
    await poll(async () => (await bodyText(tracked.page)).includes(marker), { timeout: 5000, message: what });
  };

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    path = join(examples.dir, 'lab', 'ph-meter-calibration.sop.yaml');
    original = await readFile(path, 'utf8');
    source = await SopFileSource.forFile(path);
    manager = new PreviewManager({
      render: async () => {
        running += 1;
        if (running > 1) overlapped = true;
        try {
          return await source.render();
        } finally {
          running -= 1;
        }
      },
      server: { port: 0, root: source.root },
    });
    await source.watch(() => manager.requestUpdate());
    await manager.open();
    tracked = await openTracked(browser, manager.url!);
  });
  after(async () => {
    await source?.close();
    await manager?.close();
    await browser?.close();
    await examples?.cleanup();
  });

  it('follows an atomic save (write temp + rename over)', async () => {
    const marker = `atomic-${++counter}`;
    await writeFile(`${path}.tmp`, edited(marker));
    await rename(`${path}.tmp`, path);
    await expectShown(marker, 'atomic save');
  });

  it('follows delete, then re-create', async () => {
    const before = await bodyText(tracked.page);
    const rendersBefore = manager.counters.renders;
    await unlink(path);
    const marker = `recreated-${++counter}`;
    // The deletion alone must not blank the page or raise an error: the last good render stays.
    await poll(() => manager.counters.renders > rendersBefore, { timeout: 2000, message: 'render after the deletion' });
    await manager.idle();
    assert.equal(await bodyText(tracked.page), before);
    assert.equal(manager.errors.size, 0);
    await writeFile(path, edited(marker));
    await expectShown(marker, 're-created file');
    const again = `after-recreate-${++counter}`;
    await writeFile(path, edited(again));
    await expectShown(again, 'edit after re-create');
  });

  it('follows truncate-then-write without rendering the empty file', async () => {
    const marker = `truncated-${++counter}`;
    const errorsBefore = manager.errors.size;
    await truncate(path, 0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeFile(path, edited(marker));
    await expectShown(marker, 'truncate + write');
    assert.equal(manager.errors.size, errorsBefore, 'an empty read must not be rendered as an error');
    assert.ok((await bodyText(tracked.page)).includes('Calibration of a Benchtop pH Meter'));
  });

  it('follows an edit of an image the document references', async () => {
    await inPage(tracked.page, "document.querySelector('.sop-figure img')?.scrollIntoView()");
    const width = (): Promise<number> =>
      inPage<number>(tracked.page, "document.querySelector('.sop-figure img')?.naturalWidth ?? 0");
    await poll(async () => (await width()) === 320, { timeout: 5000, message: 'image loaded' });
    const image = join(examples.dir, 'lab', 'media', 'ph-meter-setup.svg');
    const svg = await readFile(image, 'utf8');
    assert.ok(svg.includes('width="320"'));
    await writeFile(image, svg.replace('width="320"', 'width="200"'));
    await poll(async () => (await width()) === 200, { timeout: 5000, message: 'edited image shown' });
    assert.equal(tracked.navigations(), 0);
  });

  it('ends 200 saves on the final content, never rendering twice at once', async () => {
    const rendersBefore = manager.counters.renders;
    // The saves come from another process, as an editor's do, so they race the renders instead of
    // taking turns with them on this process's event loop.
    const writer = `
      const { writeFileSync } = require('node:fs');
      const [path, text] = [process.argv[1], process.argv[2]];
      for (let save = 1; save <= 200; save += 1) writeFileSync(path, text.replace('MARKER', 'burst-' + save + '-of-200'));`;
    await run(process.execPath, ['-e', writer, path, edited('MARKER')]);
    await expectShown('burst-200-of-200', 'final save');
    await manager.idle();
    assert.equal(overlapped, false, 'the render callback never ran twice at once');
    assert.ok(manager.counters.renders > rendersBefore, 'rendered at least once');
    assert.ok(!(await bodyText(tracked.page)).includes('burst-199-of-200'));
    assert.equal(tracked.navigations(), 0, tracked.logs.join('\n'));
  });

  it('stops cleanly', async () => {
    await manager.close();
    assert.equal(manager.state, 'closed');
    await rm(`${path}.tmp`, { force: true });
  });
});
