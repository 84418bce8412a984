/**
 * Writes BENCHMARKS.md, `bench/results/latency.svg` and the README's performance block from the
 * results files, and nothing else: all three can always be regenerated from what is committed.
 * Run: `npx tsx bench/report.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBenchmarksMarkdown } from './lib/report-markdown.js';
import { renderReadmePerformance, replaceReadmeBlock } from './lib/report-readme.js';
import { renderLatencySvg } from './lib/report-svg.js';
import { RESULTS_DIR, readAllResults } from './lib/results.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = await readAllResults();
const latency = results.find((item) => item.benchmark === 'latency');
let chartPath: string | undefined;
if (latency) {
  await writeFile(
    join(RESULTS_DIR, 'latency.svg'),
    renderLatencySvg(latency.cases, `Save → new text in the DOM, median ms (${latency.date.slice(0, 10)})`),
  );
  chartPath = 'bench/results/latency.svg';
}
await writeFile(join(root, 'BENCHMARKS.md'), renderBenchmarksMarkdown(results, chartPath ? { chartPath } : {}));
console.log(`BENCHMARKS.md written from ${results.length} results file(s)`);
const readmePath = join(root, 'README.md');
const readme = await readFile(readmePath, 'utf8');
const updated = replaceReadmeBlock(readme, renderReadmePerformance(results));
if (updated === readme && !readme.includes(renderReadmePerformance(results))) {
  console.log('README.md has no performance markers: its table was left alone');
} else {
  await writeFile(readmePath, updated);
  console.log('README.md performance table written from the same results');
}
