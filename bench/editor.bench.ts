/**
 * Editor benchmark: keystroke in the editor → preview updated (the typed text in the iframe's DOM),
 * p50 and p95, on a 300-step SOP (about 100 KB of HTML), through the real CLI (`sop-preview edit`)
 * and real Chromium; plus the editor bundle's size, raw and gzipped. Goals: p50 ≤ 25 ms,
 * p95 ≤ 50 ms, bundle ≤ 150 KB gzipped. Reported, not asserted.
 * Run: `npm run build && npx tsx bench/editor.bench.ts` (`BENCH_KEYS=200` for more keystrokes).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, startCli } from '../test/cli/spawn-cli.js';
import { launchChromium } from '../test/helpers/browser.js';
import { poll } from '../test/helpers/poll.js';
import { sopFixture } from './lib/fixtures.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { percentile } from './lib/stats.js';

const KEYS = Number(process.env.BENCH_KEYS ?? 100);
const WARMUP = 5;

async function keystrokeCase(): Promise<BenchCase> {
  const dir = await mkdtemp(join(tmpdir(), 'sop-edit-bench-'));
  const file = join(dir, 'procedure.sop.yaml');
  const source = sopFixture(300, 0);
  await writeFile(file, source);
  const browser = await launchChromium();
  const cli = startCli(['edit', file, '--port', '0', '--no-open']);
  try {
    const url = await cli.waitForLine(/^Editor: (\S+)$/m);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await poll(() => page.locator('.cm-content').count(), { timeout: 10_000, message: 'the editor' });
    const frame = () => page.frames().find((f) => f.parentFrame() === page.mainFrame())!;
    await poll(() => frame().evaluate('document.querySelectorAll("li.sop-step").length === 300'), {
      timeout: 10_000,
      message: 'preview',
    });
    const lines = source.split('\n');
    const line = lines.findIndex((l) => l.includes('Check reading 269 ')) + 1;
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+Alt+g');
    await page.locator('.cm-panel input[name="line"]').fill(`${line}:${lines[line - 1]!.length - 1}`);
    await page.keyboard.press('Enter');
    const samples: number[] = [];
    let typed = '';
    for (let i = 0; i < WARMUP + KEYS; i++) {
      const letter = String.fromCharCode(97 + (i % 26));
      typed += letter;
      const expected = `record it${typed}`;
      // Arm the observer, then press the key; the page reports keydown and first matching mutation.
      await page.evaluate(
        `void (window.__bench = (() => { const doc = document.getElementById('ed-preview').contentDocument; let resolve; const p = new Promise((r) => { resolve = r; }); const o = new MutationObserver(() => { const at = performance.now(); if (doc.body.textContent.includes(${JSON.stringify(expected)})) { o.disconnect(); resolve(at); } }); o.observe(doc.body, { subtree: true, childList: true, characterData: true }); document.addEventListener('keydown', () => { window.__key = performance.now(); }, { once: true, capture: true }); return p; })())`,
      );
      await page.keyboard.press(letter);
      const ms = (await page.evaluate('window.__bench.then((at) => at - window.__key)')) as number;
      if (i >= WARMUP) samples.push(Math.round(ms * 100) / 100);
    }
    const htmlKB = Math.round(((await frame().evaluate('document.documentElement.outerHTML.length')) as number) / 1024);
    await page.close();
    return {
      name: 'keystroke → preview updated (300-step SOP)',
      status: 'ok',
      metrics: {
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
        keystrokes: samples.length,
        htmlKB,
      },
      samples,
    };
  } finally {
    await cli.stop();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function bundleCase(): Promise<BenchCase> {
  const bundle = await readFile(join(ROOT, 'dist', 'editor.js'));
  return {
    name: 'editor bundle (dist/editor.js)',
    status: 'ok',
    metrics: { bytes: bundle.length, gzipKB: Math.round((gzipSync(bundle).length / 1024) * 10) / 10 },
  };
}

const cases = [await keystrokeCase(), await bundleCase()];
printResults(
  await writeResults(
    'editor',
    'sop-preview edit: keystroke → preview DOM updated (p50/p95) on a 300-step SOP in real Chromium, and the editor bundle size',
    cases,
  ),
);
