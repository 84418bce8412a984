/**
 * Themes in real Chromium: the print theme paginates to a PDF with a running header and
 * "Page X of Y" (acceptance 5), steps are numbered 1 / 1.1 / 1.1.1 by CSS counters, each theme
 * applies, and hostile documents stay inert when a browser actually loads them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { stringify } from 'yaml';
import { loadSopText } from '../../src/sop/load-sop.js';
import { renderFile } from '../../src/sop/render-file.js';
import { renderSop } from '../../src/sop/render-sop.js';
import { launchChromium } from '../helpers/browser.js';
import { poll } from '../helpers/poll.js';
import { FIXTURES, ROOT } from './fixture-helpers.js';
import { pdfPageTexts } from './pdf-text.js';

const lab = join(ROOT, 'examples', 'lab', 'ph-meter-calibration.sop.yaml');
let browser: Browser;

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
});

/** A page that cannot reach the network: the documents are self-contained. */
async function offlinePage(): Promise<Page> {
  const page = await browser.newPage();
  await page.route(/^(https?|wss?):/, (route) => route.abort());
  return page;
}

test('print theme: an A4 PDF with the SOP id, version and "Page X of Y" on every page', async () => {
  const result = await renderFile(lab, { theme: 'print', embedMedia: true });
  assert.ok(result.ok);
  const page = await offlinePage();
  try {
    await page.setContent(result.html, { waitUntil: 'load' });
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = pdfPageTexts(pdf).map((text) => text.replace(/\n/g, ''));
    assert.ok(pages.length > 1, `expected several pages, got ${pages.length}`);
    pages.forEach((text, index) => {
      assert.ok(text.includes(`Page ${index + 1} of ${pages.length}`), `page ${index + 1}: ${text.slice(0, 200)}`);
      assert.ok(
        text.includes('SOP-LAB-014 · Calibration of a Benchtop pH Meter'),
        `running header on page ${index + 1}`,
      );
      assert.ok(text.includes('Version 3.2'), `version on page ${index + 1}`);
    });
    // A4 media box: 595 x 842 pt.
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 59[45]\.\d* 84[12]\.\d*\]/);
  } finally {
    await page.close();
  }
});

test('steps are numbered 1 / 1.1 / 1.1.1 and modules 1. 2. 3. by CSS counters', async () => {
  const result = await renderFile(lab, { theme: 'print' });
  assert.ok(result.ok);
  const page = await offlinePage();
  try {
    await page.setContent(result.html, { waitUntil: 'load' });
    const text = pdfPageTexts(await page.pdf({ preferCSSPageSize: true }))
      .join('')
      .replace(/\n/g, '');
    assert.match(text, /1\s*Prepare the meter and buffers\./);
    assert.match(text, /1\.2\s*Pour about 30 mL/);
    assert.match(text, /3\.3\s*Rinse, then immerse in buffer pH 10\.01/);
    assert.match(text, /3\.3\.1\s*If the reading drifts/);
    assert.match(text, /5\s*Measure the check buffer/);
    assert.match(text, /9\. Procedure/);
  } finally {
    await page.close();
  }
});

test('each theme applies in Chromium', async () => {
  const backgrounds: Record<string, string> = {};
  const fonts: Record<string, string> = {};
  for (const theme of ['default', 'print', 'dark']) {
    const result = await renderFile(lab, { theme, embedMedia: true });
    assert.ok(result.ok);
    const page = await offlinePage();
    try {
      await page.setContent(result.html, { waitUntil: 'load' });
      fonts[theme] = String(await page.evaluate('getComputedStyle(document.body).fontFamily'));
      backgrounds[theme] = String(
        await page.evaluate('getComputedStyle(document.querySelector(".sop")).backgroundColor'),
      );
      // Step images load lazily: bring the figure into view, then wait for the decoded image.
      await page.locator('.sop-figure img').scrollIntoViewIfNeeded();
      await poll(() => page.evaluate('document.querySelector(".sop-figure img").naturalWidth > 0'), {
        timeout: 5000,
        message: `${theme}: image`,
      });
      const stepNumberFont = await page.evaluate(
        'getComputedStyle(document.querySelector(".sop-step-head"), "::before").fontFamily',
      );
      assert.match(String(stepNumberFont), /mono/i, `${theme}: step numbers styled`);
    } finally {
      await page.close();
    }
  }
  assert.equal(backgrounds.default, 'rgb(255, 255, 255)');
  assert.equal(backgrounds.dark, 'rgb(23, 27, 34)');
  assert.equal(backgrounds.print, 'rgb(255, 255, 255)');
  assert.match(fonts.print!, /Georgia/);
  assert.doesNotMatch(fonts.default!, /Georgia/);
});

test('hostile documents stay inert in a real browser', async () => {
  const docs = [readFileSync(join(FIXTURES, 'xss.sop.yaml'), 'utf8')];
  for (const p of ['<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '[x](javascript:alert(1))']) {
    docs.push(
      stringify({
        id: 'X',
        title: p,
        version: '1',
        status: 'draft',
        modules: [
          { type: 'purpose', text: p },
          { type: 'procedure', steps: [{ text: p, details: p, image: { src: p, caption: p } }] },
        ],
      }),
    );
  }
  const page = await offlinePage();
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  try {
    for (const text of docs) {
      const loaded = loadSopText({ text, format: 'yaml' });
      assert.ok(loaded.ok);
      // Image error events fire before the load event, so waiting for load covers onerror= payloads.
      await page.setContent(renderSop(loaded.document).html, { waitUntil: 'load' });
      const active = await page.evaluate('document.querySelectorAll("script, iframe, svg, object, embed").length');
      assert.equal(active, 0);
      await page.click('a[href^="javascript:"]', { timeout: 200 }).then(
        () => assert.fail('a javascript: link exists'),
        () => undefined,
      );
    }
    assert.equal(dialogs, 0);
  } finally {
    await page.close();
  }
});
