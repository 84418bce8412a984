/**
 * Save-to-screen latency of sop-preview in each browser engine (Chromium, Firefox ESR, WebKitGTK)
 * for 100 KB and 1 MB HTML: the CLI watches the file, the engine shows the edit. Peers stay
 * measured in Chromium (`latency.bench.ts`). Engines that are not installed are reported as
 * unavailable. Run: `npx tsx bench/engines-latency.bench.ts` (BENCH_EDITS=20).
 */
import type { EngineBrowser, EnginePage } from '../test/helpers/engine.js';
import { ENGINES } from '../test/helpers/engine.js';
import { engineMissing, launchEngine } from '../test/helpers/engine-launch.js';
import { PROBE_SOURCE } from './lib/dom-probe.js';
import { fileTarget } from './lib/edit-target.js';
import { caseFromError } from './lib/failure.js';
import { htmlFixture, marker } from './lib/fixtures.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { editMetrics } from './lib/save-to-screen.js';
import { wallClockMs } from './lib/wall-clock.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 20);
const WARMUP = 1;
/** How long one edit may take to appear before it counts as missed. */
const EDIT_TIMEOUT_MS = 15_000;
/** Pause between edits, as in the peer benchmark, so the figures compare. */
const GAP_MS = 250;

const CASES = [
  { name: '100 KB HTML', bytes: 100_000 },
  { name: '1 MB HTML', bytes: 1_000_000 },
] as const;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wall time at which `text` entered the page's DOM, or undefined while it has not. */
const seenAt = (page: EnginePage, text: string) =>
  page.evaluate<number | null>(`(window.__benchSeen || {})[${JSON.stringify(text)}] ?? null`);

/** Waits until the client reports itself live (connected and showing the current version). */
async function waitLive(page: EnginePage): Promise<void> {
  const deadline = Date.now() + EDIT_TIMEOUT_MS;
  while ((await page.evaluate<string | null>('window.__SOP_PREVIEW_STATE__?.status ?? null')) !== 'live') {
    if (Date.now() > deadline) throw new Error('the preview never went live');
    await pause(20);
  }
}

async function measure(browser: EngineBrowser, name: string, bytes: number): Promise<BenchCase> {
  const tool = browser.version;
  let stop: (() => Promise<void>) | undefined;
  try {
    const target = await fileTarget('sop-preview', 'index.html', (edit) => htmlFixture({ bytes, edit }));
    stop = () => target.stop();
    const page = await browser.open(target.url, { width: 1200, height: 800 });
    try {
      await waitLive(page);
      // sop-preview never reloads, so the probe installed once sees every edit.
      await page.evaluate(PROBE_SOURCE);
      await page.evaluate('window.scrollTo(0, Math.round((document.documentElement.scrollHeight - innerHeight) / 2))');
      const samples: number[] = [];
      let scrollKept = 0;
      let missed = 0;
      for (let n = 1; n <= WARMUP + EDITS; n += 1) {
        const scrollBefore = await page.evaluate<number>('scrollY');
        target.prepare(n);
        const start = wallClockMs();
        await target.edit(n);
        const deadline = Date.now() + EDIT_TIMEOUT_MS;
        let seen = await seenAt(page, marker(n));
        while (seen === null && Date.now() < deadline) {
          await pause(2);
          seen = await seenAt(page, marker(n));
        }
        if (n > WARMUP) {
          if (seen === null) missed += 1;
          else {
            samples.push(seen - start);
            if (Math.abs((await page.evaluate<number>('scrollY')) - scrollBefore) <= 2) scrollKept += 1;
          }
        }
        await waitLive(page);
        await pause(GAP_MS);
      }
      if (samples.length === 0) return { name, tool, status: 'failed', note: 'no edit reached the DOM', metrics: {} };
      return {
        name,
        tool,
        status: 'ok',
        ...(missed > 0 ? { note: `${missed} of ${EDITS} edits never reached the DOM` } : {}),
        ...editMetrics(samples, await page.navigations(), scrollKept),
      };
    } finally {
      await page.close();
    }
  } catch (error) {
    return caseFromError(name, tool, error);
  } finally {
    await stop?.();
  }
}

const cases: BenchCase[] = [];
for (const engine of ENGINES) {
  const missing = engineMissing(engine);
  if (missing) {
    for (const item of CASES)
      cases.push({ name: item.name, tool: engine, status: 'unavailable', note: missing, metrics: {} });
    continue;
  }
  const browser = await launchEngine(engine);
  try {
    for (const item of CASES) {
      const result = await measure(browser, item.name, item.bytes);
      console.log(
        `${result.name} / ${result.tool}: ${result.status} ${JSON.stringify(result.metrics)} ${result.note ?? ''}`,
      );
      cases.push(result);
    }
  } finally {
    await browser.close();
  }
}
printResults(
  await writeResults(
    'engines-latency',
    `Save-to-screen latency of sop-preview (CLI, file write → new text in the DOM) in each browser engine, ${EDITS} edits per case after ${WARMUP} warm-up; scrolled to the middle, edit at 90 % of the page. The tool column is the engine and its version.`,
    cases,
  ),
);
