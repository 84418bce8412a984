/**
 * The Python package's save-to-screen latency: `DocumentPreviewManager.request_preview_update()`
 * (render returns a staged 100 KB page; the manager pushes it to the CLI it runs) → new text in
 * the DOM of an open page in headless Chromium. Same page, probe and edit loop as the library rows
 * of `latency`, so the two figures sit side by side in BENCHMARKS.md.
 * Run: `npx tsx bench/python-latency.bench.ts` (BENCH_EDITS=20; PYTHON overrides `python3`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/helpers/browser.js';
import type { EditTarget } from './lib/edit-target.js';
import { caseFromError } from './lib/failure.js';
import { htmlFixture } from './lib/fixtures.js';
import { openPreviewPage } from './lib/preview-page.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { measurePreviewEdits } from './lib/save-to-screen.js';
import { summarize } from './lib/stats.js';
import { wallClockMs } from './lib/wall-clock.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 20);
const WARMUP = 1;
const BYTES = 100_000;
const NAME = 'request_preview_update → DOM, 100 KB';
const TOOL = 'sop-preview (Python)';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the Python driver with every version staged; an edit tells it which version is current
 * and returns once `request_preview_update()` was called. `hops` collects the time from the edit's
 * start here to the call there, which the latency figure includes.
 */
async function pythonTarget(hops: number[]): Promise<EditTarget> {
  const child = spawn(process.env.PYTHON ?? 'python3', [join(ROOT, 'bench', 'python-latency-driver.py')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PYTHONPATH: join(ROOT, 'python'),
      SOP_PREVIEW_COMMAND:
        process.env.SOP_PREVIEW_COMMAND ?? `"${process.execPath}" "${join(ROOT, 'bin', 'sop-preview.js')}"`,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ask = async (command: unknown): Promise<Record<string, unknown>> => {
    child.stdin.write(`${JSON.stringify(command)}\n`);
    const next = await lines.next();
    if (next.done) throw new Error(`the Python driver ended (exit ${child.exitCode ?? 'running'})`);
    return JSON.parse(next.value) as Record<string, unknown>;
  };
  const versions = Array.from({ length: WARMUP + EDITS + 1 }, (_, edit) => htmlFixture({ bytes: BYTES, edit }));
  const ended = new Promise((resolve) => child.once('exit', resolve));
  try {
    const { url } = await ask({ versions });
    return {
      url: String(url),
      // The driver holds every version's HTML already.
      prepare() {},
      async edit(n) {
        const start = wallClockMs();
        const { at } = await ask({ go: n });
        hops.push(Number(at) - start);
      },
      async stop() {
        child.stdin.end();
        await ended;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

async function measure(): Promise<BenchCase> {
  const browser = await launchChromium();
  const hops: number[] = [];
  let target: EditTarget | undefined;
  try {
    target = await pythonTarget(hops);
    const preview = await openPreviewPage(browser, target.url);
    const result = await measurePreviewEdits(preview, { edit: target.edit, edits: EDITS, warmup: WARMUP });
    const hop = hops.length > 0 ? summarize(hops.slice(WARMUP)).median : null;
    return { name: NAME, tool: TOOL, ...result, metrics: { ...result.metrics, medianHopMs: hop } };
  } catch (error) {
    return caseFromError(NAME, TOOL, error);
  } finally {
    await target?.stop();
    await browser.close();
  }
}

printResults(
  await writeResults(
    'python-latency',
    `Python package: DocumentPreviewManager.request_preview_update() → new text in the DOM in headless Chromium, ${EDITS} edits of a 100 KB page after ${WARMUP} warm-up; scrolled to the middle, edit at 90 % of the page. medianHopMs is the part spent getting the benchmark's "edit now" to the Python process, included in the figures.`,
    [await measure()],
  ),
);
