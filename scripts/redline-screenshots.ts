// Writes docs/screenshots/redline.png and redline-clean.png: the review test fixture with a few
// edits, redlined and shown in headless Chromium (Debian's, or CHROMIUM_PATH).
// Usage: npx tsx scripts/redline-screenshots.ts
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../src/review/pdf-printer.js';
import { CHROMIUM_ARGS } from '../test/helpers/browser.js';
import { BASE_SOP, edit, redlineYaml } from '../test/review/redline-helpers.js';

const edited = edit(
  edit(
    edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for at least ten minutes.'),
    'quantity: 500 mL',
    'quantity: 1 L',
  ),
  '      - id: brush\n',
  '      - id: vacuum\n        text: Vacuum the chamber with the HEPA cleaner.\n      - id: brush\n',
);
const { html } = redlineYaml(BASE_SOP, edited);
const out = join(import.meta.dirname, '..', 'docs', 'screenshots');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: join(out, 'redline.png'), fullPage: true });
  await page.click('#rl-show');
  await page.screenshot({ path: join(out, 'redline-clean.png'), fullPage: true });
} finally {
  await browser.close();
}
