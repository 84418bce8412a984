/**
 * A theme CSS edit reaches the page as a CSS-only update: the WebSocket frame is a patch with no
 * block ops and a new `<head>`, the new style applies, and the page never navigates.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { PreviewManager } from '../../src/manager/preview-manager.js';
import { SopFileSource } from '../../src/manager/sop-file-source.js';
import { THEMES_DIR } from '../../src/sop/index.js';
import { copyExamples } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

describe('theme CSS edits (library, real Chromium)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let source: SopFileSource;
  let manager: PreviewManager;
  let theme: string;

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    theme = join(examples.dir, 'my-theme.css');
    await writeFile(theme, await readFile(join(THEMES_DIR, 'default.css'), 'utf8'));
    source = await SopFileSource.forFile(join(examples.dir, 'lab', 'ph-meter-calibration.sop.yaml'), { theme });
    manager = new PreviewManager({ render: source.render, server: { port: 0, root: source.root } });
    await source.watch(() => manager.requestUpdate());
    await manager.open();
  });
  after(async () => {
    await source?.close();
    await manager?.close();
    await browser?.close();
    await examples?.cleanup();
  });

  it('watches the theme file and sends its edit as a head-only patch', async () => {
    const tracked = await openTracked(browser, manager.url!);
    const frames: string[] = [];
    // Frames after the page is up; the socket may already be open, so also catch a reconnect.
    tracked.page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(String(payload))));
    await tracked.page.reload();
    await poll(() => frames.some((frame) => frame.includes('"hello"')), { timeout: 5000, message: 'hello frame' });
    const background = (): Promise<string> =>
      inPage<string>(tracked.page, 'getComputedStyle(document.body).backgroundColor');
    assert.notEqual(await background(), 'rgb(1, 2, 3)');
    const navigationsBefore = tracked.navigations();

    await writeFile(theme, `${await readFile(theme, 'utf8')}\nbody { background-color: rgb(1, 2, 3) !important; }\n`);
    await poll(async () => (await background()) === 'rgb(1, 2, 3)', { timeout: 5000, message: 'new theme applied' });
    const parsed = frames.map((frame) => JSON.parse(frame) as { type: string; ops?: unknown[]; head?: string });
    // The frame that brought the rule (a save can also show a render of the half-written theme first).
    const update = parsed.find((frame) => JSON.stringify(frame).includes('rgb(1, 2, 3)'));
    const kinds = parsed.map((frame) => frame.type).join(', ');
    assert.equal(
      update?.type,
      'patch',
      `frames: ${kinds}; the first with the rule: ${JSON.stringify(update).slice(0, 200)}`,
    );
    assert.deepEqual(update?.ops, [], 'no block changed');
    assert.match(update?.head ?? '', /rgb\(1, 2, 3\)/);
    assert.equal(tracked.navigations(), navigationsBefore);
  });
});
