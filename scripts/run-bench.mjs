// `npm run bench`: builds, runs every bench/*.bench.ts one after another, then writes BENCHMARKS.md
// and bench/results/latency.svg from the results files.
// Usage: node scripts/run-bench.mjs [--report-only] [name-filter ...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
const filters = args.filter((arg) => !arg.startsWith('--'));
// Each benchmark has a few minutes at most, but any-html (four tools reloading pages of up to 2 MB)
// takes about 14 here. This limit once stood at 12 minutes and cut that run off at its last pages,
// which looked like a browser crash; the whole run takes about 25 minutes.
const PER_BENCH_TIMEOUT_MS = 25 * 60_000;

const node = (script, extra = []) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...extra, script], {
    cwd: root,
    stdio: 'inherit',
    timeout: PER_BENCH_TIMEOUT_MS,
  });

const started = Date.now();
const failed = [];
if (!reportOnly) {
  // The CLI benchmarks run bin/sop-preview.js, which needs dist/ (and dist/client.js) up to date.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) console.error('build failed: sop-preview cases will report themselves unavailable');
  const benches = readdirSync(join(root, 'bench'))
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  for (const name of benches) {
    const t0 = Date.now();
    console.log(`\n=== ${name}`);
    // --expose-gc lets the soak benchmark measure memory after collection; harmless for the others.
    const run = node(join('bench', name), ['--expose-gc']);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (run.status !== 0) {
      failed.push(name);
      console.error(
        `=== ${name} failed (${run.error?.message ?? `exit ${run.status ?? run.signal}`}) after ${seconds} s`,
      );
    } else console.log(`=== ${name} done in ${seconds} s`);
  }
}
const report = node(join('bench', 'report.ts'));
if (report.status !== 0) failed.push('report');
console.log(
  `\nbenchmarks finished in ${((Date.now() - started) / 1000).toFixed(0)} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`,
);
process.exit(failed.length > 0 ? 1 : 0);
