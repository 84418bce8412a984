/**
 * The test browser's flags: they keep playwright-core's own disabled features (Chromium keeps only
 * the last `--disable-features`) and stop the address-bar popups a headless window loads.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { launchChromium, TEST_BROWSER_DISABLED_FEATURES } from './browser.js';

/** The feature names playwright-core passes in its own `--disable-features`, read from its bundle. */
function playwrightDisabledFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const start = bundle.indexOf('disabledFeatures = [');
  const end = bundle.indexOf(']', start);
  assert.ok(start >= 0 && end > start, "playwright-core's disabled features are no longer where this test reads them");
  return [...bundle.slice(start, end).matchAll(/^\s*"(\w+)"/gm)].map((match) => match[1] ?? '');
}

describe('test browser flags', () => {
  it('include every feature playwright-core disables itself', () => {
    const theirs = playwrightDisabledFeatures();
    assert.ok(theirs.length >= 5, `read only ${theirs.length} names`);
    assert.deepEqual(
      theirs.filter((name) => !TEST_BROWSER_DISABLED_FEATURES.includes(name)),
      [],
      'add these to TEST_BROWSER_DISABLED_FEATURES',
    );
  });

  it('leave no address-bar popup running beside a page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<p>one window</p>');
      // The popups are loaded about a second after a window opens.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = await session.send('Target.getTargets', { filter: [{}] });
      const urls = targetInfos.map((target) => target.url);
      assert.ok(urls.includes('about:blank'), urls.join(', '));
      assert.deepEqual(
        urls.filter((url) => url.startsWith('chrome://')),
        [],
      );
    } finally {
      await browser.close();
    }
  });
});
