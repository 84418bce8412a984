/**
 * The benchmark's "view kept" check, in Chromium: an insertion above the view that the browser
 * anchors counts as kept, the same scroll offset showing shifted content (a reload that restores
 * the offset) does not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { viewKept, viewTop } from '../../bench/lib/preview-page.js';
import { launchChromium } from '../helpers/browser.js';

describe('view kept (benchmark check)', () => {
  let browser: Browser;
  let page: Page;
  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    const items = Array.from({ length: 500 }, (_, i) => `<li>Item ${i}</li>`).join('');
    await page.setContent(`<!doctype html><ul id="list">${items}</ul>`);
  });
  after(() => browser.close());

  const insert = (where: string, how: 'after' | 'prepend', text: string) =>
    page.evaluate(`document.querySelector(${JSON.stringify(where)}).${how}(
      Object.assign(document.createElement('li'), { textContent: ${JSON.stringify(text)} }))`);

  it('counts an edit below the view and an anchored insertion above it as kept, a restored offset as not', async () => {
    await page.evaluate('scrollTo(0, 4000)');
    const view = await viewTop(page);
    assert.ok(view && /^Item \d+$/.test(view.text), JSON.stringify(view));
    await insert('#list li:nth-child(450)', 'after', 'below');
    assert.equal(await viewKept(page, view), true, 'below the view');
    await insert('#list', 'prepend', 'above');
    assert.equal(await viewKept(page, view), true, 'above the view, kept in place by scroll anchoring');
    assert.notEqual(await page.evaluate('scrollY'), 4000, 'the offset moved to keep it');
    await page.evaluate('scrollTo(0, 4000)');
    assert.equal(await viewKept(page, view), false, 'the old offset shows other items');
  });
});
