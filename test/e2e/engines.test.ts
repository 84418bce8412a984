/**
 * The engines themselves: which ones this run covers (a missing one is a skipped test with the
 * reason, and a failure under CI), that each drives a page through the whole interface, and that closing
 * one leaves no browser, driver or X server among this process's children.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGINES } from '../helpers/engine.js';
import { engineMissing, engineSkipReason, REQUIRE_ALL_ENGINES } from '../helpers/engine-launch.js';
import { closeAndCheckLeftovers, launchTracked } from '../helpers/engine-session.js';
import { textContent } from '../helpers/page-eval.js';
import { browserDescendants, describeProcesses } from '../helpers/process-tree.js';
import { startXvfb } from '../helpers/xvfb.js';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

const PAGE = `data:text/html,${encodeURIComponent(
  '<!doctype html><title>E</title><body style="margin:0"><input id="in"><button id="b" onclick="this.textContent=\'clicked\'">go</button>',
)}`;

describe('browser engines', () => {
  for (const engine of ENGINES) {
    it(`${engine} is available${REQUIRE_ALL_ENGINES ? ' (required on CI)' : ''}`, (t) => {
      const missing = engineMissing(engine);
      if (REQUIRE_ALL_ENGINES) assert.equal(missing, undefined, `${engine} is required on CI: ${missing}`);
      const skipReason = engineSkipReason(engine);
      if (skipReason !== undefined) t.skip(skipReason);
    });
  }

  // Xvfb comes with the WebKit engine; without it there is nothing to look for.
  const webkitSkip = engineSkipReason('webkit') ?? false;
  it('sees an X server it started among its children, and not once it stopped', { skip: webkitSkip }, async () => {
    const display = await startXvfb();
    try {
      assert.ok(
        browserDescendants().some((info) => /xvfb/i.test(info.name)),
        `no Xvfb among ${describeProcesses(browserDescendants())}`,
      );
    } finally {
      await display.stop();
    }
    assert.deepEqual(browserDescendants(), []);
  });

  for (const engine of ENGINES) {
    const skip = engineSkipReason(engine) ?? false;
    it(`${engine}: evaluates, clicks, types, screenshots, and leaves no process behind`, { skip }, async () => {
      const { browser, before } = await launchTracked(engine);
      try {
        assert.match(browser.version, /\d+\.\d+/);
        assert.ok(browserDescendants().length > 0, 'the browser runs as a child of this process');
        const page = await browser.open(PAGE, { width: 640, height: 480 });
        assert.deepEqual(await page.evaluate('[innerWidth, innerHeight]'), [640, 480]);
        await page.click('#in');
        await page.type('abc');
        await page.press('ArrowLeft');
        await page.type('X');
        assert.equal(await page.evaluate("document.getElementById('in').value"), 'abXc');
        await page.click('#b');
        assert.equal(await textContent(page, '#b'), 'clicked');
        await page.evaluate("console.info('hello from the page')");
        assert.ok((await page.logs()).some((line) => line.includes('hello from the page')));
        const png = await page.screenshot();
        assert.equal(png.subarray(1, 4).toString(), 'PNG');
        assert.deepEqual(pngSize(png), { width: 640, height: 480 });
        assert.equal(await page.navigations(), 0);
        await page.close();
      } finally {
        await closeAndCheckLeftovers(browser, before);
      }
    });
  }
});
