/**
 * Screenshots of the editor: `sop-preview edit` on a copy of the lab example, written to
 * docs/screenshots/editor.png (source beside the preview), editor-error.png (a lint mark and
 * the preview's overlay) and badge-theme-menu.png (the plain preview page with the badge's theme
 * menu open, switched to dark). Needs `npm run build` first. Run: `npx tsx scripts/screenshot-editor.ts`.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCli } from '../test/cli/spawn-cli.js';
import { launchChromium } from '../test/helpers/browser.js';
import { poll } from '../test/helpers/poll.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs', 'screenshots');
const dir = await mkdtemp(join(tmpdir(), 'sop-edit-shot-'));
await cp(join(root, 'examples'), dir, { recursive: true });
const cli = startCli(['edit', join(dir, 'lab', 'ph-meter-calibration.sop.yaml'), '--port', '0', '--no-open']);
const browser = await launchChromium();
try {
  const url = await cli.waitForLine(/^Editor: (\S+)$/m);
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
  await page.goto(url);
  const preview = () => page.frames().find((f) => f.parentFrame() === page.mainFrame())!;
  await poll(() => preview().evaluate('Boolean(document.querySelector("[data-block]"))'), {
    timeout: 10_000,
    message: 'preview',
  });
  // Put the cursor in the procedure so the preview shows it too.
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+Alt+g');
  await page.locator('.cm-panel input[name="line"]').fill('60');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, 'editor.png') });
  console.log('wrote docs/screenshots/editor.png');
  const viewer = await browser.newPage({ viewport: { width: 900, height: 640 }, deviceScaleFactor: 1 });
  await viewer.goto(new URL('/', url).href);
  await viewer.getByRole('button', { name: 'Theme' }).click();
  await viewer.getByRole('radio', { name: 'dark' }).check();
  await poll(() => viewer.evaluate('Boolean(document.querySelector("[data-sop-theme-override]")?.sheet)'), {
    timeout: 10_000,
    message: 'the dark theme',
  });
  await viewer.waitForTimeout(500);
  await viewer.screenshot({ path: join(outDir, 'badge-theme-menu.png') });
  console.log('wrote docs/screenshots/badge-theme-menu.png');

  await page.keyboard.press('Control+Alt+g');
  await page.locator('.cm-panel input[name="line"]').fill('4:8');
  await page.keyboard.press('Enter');
  await page.keyboard.type('[');
  await poll(() => page.locator('.cm-lintRange-error').count(), { timeout: 10_000, message: 'lint mark' });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, 'editor-error.png') });
  console.log('wrote docs/screenshots/editor-error.png');
} finally {
  await browser.close();
  await cli.stop();
  await rm(dir, { recursive: true, force: true });
}
