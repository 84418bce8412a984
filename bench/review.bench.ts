/**
 * Review benchmark: (1) `redlinePage()` of a 1 MB rendered SOP against its previous revision
 * (a changed step, an inserted one, a removed one, a changed table row), p50 goal ≤ 150 ms;
 * (2) a one-step save reaching the screen with `serve --compare` on (CLI + headless Chromium),
 * p50 goal ≤ 30 ms; (3) a ~50-page controlled PDF through Chromium (printing only, the browser
 * already running), goal ≤ 3 s. Reported, not asserted.
 * Run: `npx tsx bench/review.bench.ts` (REVIEW_BENCH_RUNS=3 for a smoke run).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { controlledCopy } from '../src/review/controlled-copy.js';
import { PdfPrinter } from '../src/review/pdf-printer.js';
import { redlinePage } from '../src/review/redline-page.js';
import { loadSopText, renderSop } from '../src/sop/index.js';
import { startCli } from '../test/cli/spawn-cli.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser.js';
import { type BenchCase, writeResults } from './lib/results.js';
import { summarize } from './lib/stats.js';

const RUNS = Number(process.env.REVIEW_BENCH_RUNS ?? 20);

/** A `*.sop.yaml` with `steps` steps (every fifth with an id), a materials table and a history. */
function sopYaml(steps: number, revision: 'old' | 'new', marker = ''): string {
  const lines = [
    'id: SOP-BENCH-REVIEW',
    'title: Review benchmark procedure',
    "version: '2.0'",
    'status: approved',
    'effectiveDate: 2026-01-01',
    'approvals:',
    '  - { role: Author, name: A. Author, date: 2025-12-01 }',
    '  - { role: Reviewer, name: B. Reviewer, date: 2025-12-10 }',
    '  - { role: QA, name: C. Approver, date: 2025-12-20 }',
    'modules:',
    '  - type: purpose',
    '    text: Measure the redline and the controlled PDF.',
    '  - type: materials',
    '    items:',
    `      - { item: Buffer, quantity: ${revision === 'old' ? '50 mL' : '100 mL'} }`,
    '      - { item: Beaker, quantity: "2" }',
    '  - type: procedure',
    '    steps:',
  ];
  for (let i = 0; i < steps; i++) {
    if (revision === 'new' && i === Math.floor(steps / 3)) continue; // removed
    if (revision === 'new' && i === Math.floor(steps / 2)) lines.push('      - text: "An inserted step: rinse again."');
    const id = i % 5 === 0 ? `{ id: st-${i}, ` : '{ ';
    let text = `Transfer ${i + 1} mL of buffer to vessel V-${i}, stir for 30 s and record the reading in the log`;
    if (revision === 'new' && i === Math.floor(steps * 0.9)) text = `${text} ${marker || 'twice'}`;
    lines.push(`      - ${id}text: "${text}", checkbox: true }`);
  }
  lines.push(
    '  - type: revision-history',
    '    items:',
    '      - { version: "2.0", date: 2026-01-01, author: A. Author, change: Benchmark. }',
  );
  return `${lines.join('\n')}\n`;
}

function render(text: string): string {
  const loaded = loadSopText({ text, format: 'yaml' });
  if (!loaded.ok) throw new Error(`bench SOP does not load: ${loaded.errors[0]?.message}`);
  return renderSop(loaded.document).html;
}

/** Steps for a rendered page of about `bytes`. */
function stepsFor(bytes: number): number {
  const base = Buffer.byteLength(render(sopYaml(100, 'old')));
  const per = (Buffer.byteLength(render(sopYaml(200, 'old'))) - base) / 100;
  return 100 + Math.ceil((bytes - base) / per);
}

async function redlineCase(): Promise<BenchCase[]> {
  const steps = stepsFor(1_000_000);
  const oldHtml = render(sopYaml(steps, 'old'));
  const newHtml = render(sopYaml(steps, 'new'));
  // Two equal bases of different text: alternating them makes every run parse both pages (cold),
  // as `build --compare` does; repeating one is the live preview, where the base stays parsed.
  const otherOld = `${oldHtml} `;
  const time = (base: (i: number) => string): number[] => {
    for (let i = 0; i < 3; i++) redlinePage(base(i), newHtml);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      redlinePage(base(i), newHtml);
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const cold = time((i) => (i % 2 === 0 ? oldHtml : otherOld));
  const warm = time(() => oldHtml);
  const size = `${(Buffer.byteLength(newHtml) / 1e6).toFixed(2)} MB SOP (${steps} steps)`;
  return [
    { name: `redline of a ${size} against its previous revision, both parsed`, samples: cold },
    { name: `redline of a ${size}, base already parsed (live preview)`, samples: warm },
  ].map(({ name, samples }) => {
    const stats = summarize(samples);
    return {
      name,
      status: 'ok',
      metrics: { medianMs: stats.median, p90Ms: stats.p90, goalMs: 150, runs: RUNS },
      samples,
    };
  });
}

async function liveCase(): Promise<BenchCase> {
  const dir = await mkdtemp(join(tmpdir(), 'sop-preview-bench-review-'));
  const base = join(dir, 'approved.sop.yaml');
  const file = join(dir, 'doc.sop.yaml');
  await writeFile(base, sopYaml(300, 'old'));
  await writeFile(file, sopYaml(300, 'new', 'EDIT-0'));
  const cli = startCli(['serve', file, '--compare', base, '--port', '0', '--no-open']);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const url = await cli.waitForLine(/Local: (\S+)/, 30_000);
    const page = await browser.newPage();
    await page.goto(url);
    // Page code as strings: this file is type-checked as Node code, without the DOM library.
    await page.waitForFunction(`document.body.textContent.includes('EDIT-0')`);
    const samples: number[] = [];
    for (let i = 1; i <= RUNS + 1; i++) {
      const marker = `EDIT-${i}`;
      await page.evaluate(`(() => {
        window.__seen = undefined;
        window.__observer?.disconnect();
        window.__observer = new MutationObserver(() => {
          if (window.__seen === undefined && document.body.textContent.includes(${JSON.stringify(marker)}))
            window.__seen = performance.timeOrigin + performance.now();
        });
        window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
      const start = performance.timeOrigin + performance.now();
      await writeFile(file, sopYaml(300, 'new', marker));
      await page.waitForFunction('window.__seen !== undefined', undefined, { timeout: 20_000 });
      const seen = (await page.evaluate('window.__seen')) as number;
      if (i > 1) samples.push(seen - start);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const stats = summarize(samples);
    return {
      name: 'one-step save → screen with serve --compare (300-step SOP)',
      status: 'ok',
      metrics: { medianMs: stats.median, p90Ms: stats.p90, goalMs: 30, runs: samples.length },
      samples,
    };
  } finally {
    await browser.close();
    await cli.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function pdfCase(): Promise<BenchCase> {
  const text = sopYaml(950, 'new');
  const loaded = loadSopText({ text, format: 'yaml' });
  if (!loaded.ok) throw new Error('bench SOP does not load');
  const html = controlledCopy(
    redlinePage(render(sopYaml(950, 'old')), renderSop(loaded.document, { theme: 'print' }).html).html,
    loaded.document,
  );
  const launchStart = performance.now();
  const printer = await PdfPrinter.launch();
  const launchMs = performance.now() - launchStart;
  const dir = await mkdtemp(join(tmpdir(), 'sop-preview-bench-pdf-'));
  try {
    const samples: number[] = [];
    let pages = 0;
    for (let i = 0; i < Math.max(1, Math.min(RUNS, 5)); i++) {
      const start = performance.now();
      const pdf = await printer.print(html);
      samples.push(performance.now() - start);
      await writeFile(join(dir, 'out.pdf'), pdf);
      pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'out.pdf')], { encoding: 'utf8' }))?.[1]);
    }
    const stats = summarize(samples);
    return {
      name: `controlled PDF with redline (${pages} pages)`,
      status: 'ok',
      metrics: { medianMs: stats.median, p90Ms: stats.p90, goalMs: 3000, pages, launchMs: Math.round(launchMs) },
      samples,
    };
  } finally {
    await printer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const cases: BenchCase[] = [];
for (const run of [redlineCase, liveCase, pdfCase]) {
  try {
    const items = [await run()].flat();
    for (const item of items) console.log(`${item.name}: ${JSON.stringify(item.metrics)}`);
    cases.push(...items);
  } catch (error) {
    console.error(error);
    cases.push({ name: run.name, status: 'failed', note: String(error), metrics: {} });
  }
}
await writeResults(
  'review',
  'Redline of a 1 MB SOP, a one-step save with serve --compare reaching the screen, a ~50-page controlled PDF.',
  cases,
);
