/**
 * Renders the lab example in every built-in theme in headless Chromium and writes
 * docs/screenshots/<theme>.png (header, contents and the start of the procedure).
 * Run: `npx tsx scripts/screenshot-themes.ts`.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderFile } from '../src/sop/render-file.js';
import { BUILTIN_THEMES } from '../src/sop/render-options.js';
import { launchChromium } from '../test/helpers/browser.js';
import { poll } from '../test/helpers/poll.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'examples', 'lab', 'ph-meter-calibration.sop.yaml');
const outDir = join(root, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

const browser = await launchChromium();
try {
  for (const theme of BUILTIN_THEMES) {
    const result = await renderFile(source, { theme, embedMedia: true });
    if (!result.ok) throw new Error(`${source} does not render: ${result.errors[0]?.message}`);
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 }, deviceScaleFactor: 1 });
    // Self-contained page: nothing may leave the machine.
    await page.route(/^(https?|wss?):/, (route) => route.abort());
    await page.setContent(result.html, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready');
    // Show the procedure with its image: scroll to it, wait for the lazy image, then frame from Safety.
    await page.locator('.sop-figure img').scrollIntoViewIfNeeded();
    await poll(() => page.evaluate('document.querySelector(".sop-figure img").naturalWidth > 0'), {
      timeout: 5000,
      message: 'image',
    });
    await page.evaluate('document.querySelector("#sop-safety").scrollIntoView()');
    const file = join(outDir, `${theme}.png`);
    await page.screenshot({ path: file });
    await page.close();
    console.log(`wrote docs/screenshots/${theme}.png`);
  }
} finally {
  await browser.close();
}
