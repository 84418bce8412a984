/**
 * Writes BENCHMARKS.md and `bench/results/latency.svg` from the results files, and nothing else:
 * the page can always be regenerated from what is committed. Run: `npx tsx bench/report.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBenchmarksMarkdown } from './lib/report-markdown.js';
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
