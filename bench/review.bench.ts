/**
 * Review benchmark, one case per goal of the review feature (each printed with its goal):
 * (1) redline of a 1 MB rendered SOP against its previous revision (a changed step, an inserted
 * one, a removed one, a changed table row), p50 goal ≤ 150 ms: cold (both pages parsed, as
 * `build --compare` does), base already parsed, and save after save in one `RedlineSession` (as
 * `serve --compare` does); (2) a one-step save reaching the screen with `serve --compare` on
 * (CLI + headless Chromium, after a few warm-up saves), p50 goal ≤ 30 ms; (3) a ~50-page
 * controlled PDF with redline: printing with Chromium running (a folder build's cost per
 * document), a whole one-file `buildReview()` including Chromium's start, and the same build as
 * the `sop-preview build` command (the built CLI, Node's start included), goal ≤ 3 s.
 * Reported, not asserted.
 * Run: `npx tsx bench/review.bench.ts`; smoke run: `REVIEW_BENCH_RUNS=5 npx tsx bench/review.bench.ts`;
 * one case: `REVIEW_BENCH_CASES=redline` (or `live`, `pdf`, comma-separated).
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
import { RedlineSession } from '../src/review/redline-session.js';
import { buildReview } from '../src/review/review-build.js';
import { loadSopText, renderSop } from '../src/sop/index.js';
import { runCli, startCli } from '../test/cli/spawn-cli.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/browser.js';
import { type BenchCase, writeResults } from './lib/results.js';
import { summarize } from './lib/stats.js';

const RUNS = Number(process.env.REVIEW_BENCH_RUNS ?? 20);
/** Saves before the live case measures: the CLI's first renders run code not yet optimized. */
const WARM_UP_SAVES = 3;

/** A case from its samples, with the goal beside the figures. */
function timed(name: string, samples: number[], goalMs: number, extra: BenchCase['metrics'] = {}): BenchCase {
  const stats = summarize(samples);
  return {
    name,
    status: 'ok',
    metrics: {
      medianMs: stats.median,
      p90Ms: stats.p90,
      goalMs,
      goalMet: stats.median <= goalMs,
      runs: samples.length,
      ...extra,
    },
    samples,
  };
}

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
  // as `build --compare` does; repeating one is a redline whose base stays parsed.
  const otherOld = `${oldHtml} `;
  const time = (redline: (i: number) => unknown): number[] => {
    for (let i = 0; i < 3; i++) redline(i);
    const samples: number[] = [];
    for (let i = 3; i < RUNS + 3; i++) {
      const start = performance.now();
      redline(i);
      samples.push(performance.now() - start);
    }
    return samples;
  };
  const cold = time((i) => redlinePage(i % 2 === 0 ? oldHtml : otherOld, newHtml));
  const warm = time(() => redlinePage(oldHtml, newHtml));
  // The live preview: each save changes one step (a marker word) and is redlined in one session.
  const saves = Array.from({ length: RUNS + 3 }, (_, i) => render(sopYaml(steps, 'new', `EDIT-${i}`)));
  const session = new RedlineSession(oldHtml);
  session.redline(newHtml);
  const live = time((i) => session.redline(saves[i] as string));
  const size = `${(Buffer.byteLength(newHtml) / 1e6).toFixed(2)} MB SOP (${steps} steps)`;
  return [
    timed(`redline of a ${size} against its previous revision, both parsed (build --compare)`, cold, 150),
    timed(`redline of a ${size}, base already parsed`, warm, 150),
    timed(`redline of a ${size} after a one-step save, one session (serve --compare)`, live, 150),
  ];
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
    for (let i = 1; i <= RUNS + WARM_UP_SAVES; i++) {
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
      if (i > WARM_UP_SAVES) samples.push(seen - start);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return timed(
      `one-step save → screen with serve --compare (300-step SOP, after ${WARM_UP_SAVES} warm-up saves)`,
      samples,
      30,
    );
  } finally {
    await browser.close();
    await cli.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pages of a PDF, by `pdfinfo` (poppler-utils). */
function pdfPages(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

async function pdfCase(): Promise<BenchCase[]> {
  const steps = 950;
  const text = sopYaml(steps, 'new');
  const loaded = loadSopText({ text, format: 'yaml' });
  if (!loaded.ok) throw new Error('bench SOP does not load');
  const html = controlledCopy(
    redlinePage(render(sopYaml(steps, 'old')), renderSop(loaded.document, { theme: 'print' }).html).html,
    loaded.document,
  );
  const runs = Math.max(1, Math.min(RUNS, 5));
  const dir = await mkdtemp(join(tmpdir(), 'sop-preview-bench-pdf-'));
  try {
    // Printing with Chromium running: what each document of a folder build costs.
    const launchStart = performance.now();
    const printer = await PdfPrinter.launch();
    const launchMs = performance.now() - launchStart;
    const printed: number[] = [];
    let pages = 0;
    try {
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const pdf = await printer.print(html);
        printed.push(performance.now() - start);
        await writeFile(join(dir, 'out.pdf'), pdf);
        pages = pdfPages(join(dir, 'out.pdf'));
      }
    } finally {
      await printer.close();
    }
    // A whole `build doc.sop.yaml --pdf --compare base` in-process: render, redline, start Chromium, print.
    await writeFile(join(dir, 'base.sop.yaml'), sopYaml(steps, 'old'));
    await writeFile(join(dir, 'doc.sop.yaml'), text);
    const whole: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await buildReview(join(dir, 'doc.sop.yaml'), {
        outDir: join(dir, 'out'),
        pdf: true,
        compare: join(dir, 'base.sop.yaml'),
      });
      whole.push(performance.now() - start);
    }
    const wholePages = pdfPages(join(dir, 'out', 'doc.pdf'));
    // The same build as a user runs it: `sop-preview build` (the built CLI), Node's start included.
    const command: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const args = ['build', 'doc.sop.yaml', '--pdf', '--compare', 'base.sop.yaml', '--out', 'cli'];
      const result = await runCli(args, { cwd: dir });
      command.push(performance.now() - start);
      if (result.code !== 0) throw new Error(`sop-preview build failed: ${result.stderr}`);
    }
    const commandPages = pdfPages(join(dir, 'cli', 'doc.pdf'));
    return [
      timed(`controlled PDF with redline (${pages} pages), Chromium running`, printed, 3000, {
        pages,
        launchMs: Math.round(launchMs),
      }),
      timed(`build --pdf --compare of one SOP (${wholePages} pages), Chromium start included`, whole, 3000, {
        pages: wholePages,
      }),
      timed(
        `sop-preview build --pdf --compare as a command (${commandPages} pages), Node's start included`,
        command,
        3000,
        {
          pages: commandPages,
        },
      ),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const cases: BenchCase[] = [];
// REVIEW_BENCH_CASES=redline,live,pdf picks cases (all by default).
const picked = (process.env.REVIEW_BENCH_CASES ?? 'redline,live,pdf').split(',');
for (const run of [redlineCase, liveCase, pdfCase].filter((c) => picked.includes(c.name.replace(/Case$/, '')))) {
  try {
    const items = [await run()].flat();
    for (const { name, metrics: m } of items)
      console.log(
        `${name}: p50 ${Number(m.medianMs).toFixed(1)} ms, p90 ${Number(m.p90Ms).toFixed(1)} ms, goal ≤ ${m.goalMs} ms ${m.goalMet ? 'met' : 'NOT met'}${m.pages ? `, ${m.pages} pages` : ''} (${m.runs} runs)`,
      );
    cases.push(...items);
  } catch (error) {
    console.error(error);
    cases.push({ name: run.name, status: 'failed', note: String(error), metrics: {} });
  }
}
await writeResults(
  'review',
  'Redline of a 1 MB SOP (cold, warm, live session), a one-step save with serve --compare reaching the screen, a ~50-page controlled PDF (printing, whole build).',
  cases,
);
