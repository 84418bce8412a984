/**
 * Save-to-screen latency in headless Chromium: sop-preview and three peers side by side in one
 * run, for 100 KB and 1 MB HTML, plus a 300-step SOP (sop-preview only) and `updateContent` →
 * DOM patched through the library. Run: `npx tsx bench/latency.bench.ts` (BENCH_EDITS=20).
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { type EditTarget, fileTarget, libraryTarget } from './lib/edit-target.js';
import { caseFromError } from './lib/failure.js';
import { htmlFixture, sopFixture } from './lib/fixtures.js';
import { openPreviewPage } from './lib/preview-page.js';
import { type BenchCase, type MetricValue, printResults, writeResults } from './lib/results.js';
import { measurePreviewEdits } from './lib/save-to-screen.js';
import { selectedTools } from './lib/tool-launchers.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 20);
const WARMUP = 1;
const LIBRARY = 'sop-preview (library)';

interface FileCase {
  name: string;
  file: string;
  content(edit: number): string;
  sopOnly: boolean;
}

const FILE_CASES: FileCase[] = [
  { name: '100 KB HTML', file: 'index.html', content: (edit) => htmlFixture({ bytes: 100_000, edit }), sopOnly: false },
  { name: '1 MB HTML', file: 'index.html', content: (edit) => htmlFixture({ bytes: 1_000_000, edit }), sopOnly: false },
  { name: '300-step SOP', file: 'procedure.sop.yaml', content: (edit) => sopFixture(300, edit), sopOnly: true },
];

async function measure(
  browser: Browser,
  name: string,
  tool: string,
  start: () => Promise<EditTarget>,
): Promise<BenchCase> {
  let target: EditTarget | undefined;
  try {
    target = await start();
    const preview = await openPreviewPage(browser, target.url);
    try {
      const result = await measurePreviewEdits(preview, {
        prepare: target.prepare,
        edit: target.edit,
        edits: EDITS,
        warmup: WARMUP,
      });
      const version: Record<string, MetricValue> = target.version === undefined ? {} : { version: target.version };
      return { name, tool, ...result, metrics: { ...result.metrics, ...version } };
    } finally {
      await preview.close();
    }
  } catch (error) {
    return caseFromError(name, tool, error);
  } finally {
    await target?.stop();
  }
}

const browser = await launchChromium();
const cases: BenchCase[] = [];
const record = (item: BenchCase): void => {
  console.log(`${item.name} / ${item.tool}: ${item.status} ${JSON.stringify(item.metrics)} ${item.note ?? ''}`);
  cases.push(item);
};
try {
  for (const item of FILE_CASES) {
    for (const tool of selectedTools()) {
      if (item.sopOnly && tool !== 'sop-preview') {
        record({ name: item.name, tool, status: 'n/a', note: 'does not read SOP files', metrics: {} });
      } else {
        record(await measure(browser, item.name, tool, () => fileTarget(tool, item.file, item.content)));
      }
    }
  }
  for (const [name, bytes] of [
    ['updateContent → DOM, 100 KB', 100_000],
    ['updateContent → DOM, 1 MB', 1_000_000],
  ] as const) {
    record(await measure(browser, name, LIBRARY, () => libraryTarget((edit) => htmlFixture({ bytes, edit }))));
  }
} finally {
  await browser.close();
}
printResults(
  await writeResults(
    'latency',
    `Save-to-screen latency in headless Chromium (file write, or updateContent for the library, → new text in the DOM), ${EDITS} edits per case after ${WARMUP} warm-up; scrolled to the middle, edit at 90 % of the page.`,
    cases,
  ),
);
