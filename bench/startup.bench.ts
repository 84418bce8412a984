/**
 * Start-up of the command line: `sop-preview --version`, and `sop-preview <the bundled example>`
 * until it prints its `Local:` URL. The bundled CLI (`bin/sop-preview.js` → `dist/bundle/`, what
 * npm users and the Python wheel run) against the same code unbundled (`dist/cli/main.js`, tsc's
 * output resolving ~200 modules in node_modules, the CLI as it was before the bundle), with bare
 * Node (`node -e 0`) as the floor. Runs interleave, so machine load hits every variant alike.
 * Run: `npx tsx bench/startup.bench.ts` (BENCH_STARTUP_RUNS sets the runs per case, default 21).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { summarize } from './lib/stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 21);
const EXAMPLE = join(ROOT, 'examples', 'lab', 'ph-meter-calibration.sop.yaml');

/** The ways of starting the CLI that are compared. */
const VARIANTS = [
  { tool: 'node -e 0 (floor)', argv: ['-e', '0'], serves: false },
  { tool: 'sop-preview, unbundled (dist/cli/main.js)', argv: [join(ROOT, 'dist', 'cli', 'main.js')], serves: true },
  { tool: 'sop-preview, bundled (bin/sop-preview.js)', argv: [join(ROOT, 'bin', 'sop-preview.js')], serves: true },
] as const;

/** Milliseconds from spawn until the process exits (`--version`) or prints `Local:` (serve). */
function timeRun(argv: readonly string[], until: 'exit' | 'url'): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, {
      cwd: ROOT,
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let elapsed: number | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until === 'url' && elapsed === undefined && /Local: \S+/.test(out)) {
        elapsed = performance.now() - started;
        child.kill('SIGTERM');
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (until === 'exit') elapsed ??= performance.now() - started;
      if (elapsed === undefined || (until === 'exit' && code !== 0)) {
        reject(new Error(`${argv.join(' ')} ended with ${code} before it answered: ${err.slice(-300)}`));
      } else resolve(elapsed);
    });
  });
}

const measures = [
  { name: '--version', args: ['--version'], until: 'exit' as const },
  { name: 'serve the example SOP to its URL', args: [EXAMPLE, '--no-open', '--port', '0'], until: 'url' as const },
];

const cases: BenchCase[] = [];
for (const measure of measures) {
  const variants = VARIANTS.filter((variant) => measure.until === 'exit' || variant.serves);
  const argvOf = (variant: (typeof VARIANTS)[number]) =>
    variant.serves ? [...variant.argv, ...measure.args] : [...variant.argv];
  const samples = new Map<string, number[]>(variants.map((variant) => [variant.tool, []]));
  // Two warm-up rounds fill the file cache; then every round runs each variant once.
  for (let round = -2; round < RUNS; round++) {
    for (const variant of variants) {
      const ms = await timeRun(argvOf(variant), measure.until);
      if (round >= 0) samples.get(variant.tool)?.push(ms);
    }
  }
  const floorSamples = samples.get(VARIANTS[0].tool);
  const floor = floorSamples ? summarize(floorSamples).median : undefined;
  for (const variant of variants) {
    const values = samples.get(variant.tool) ?? [];
    const summary = summarize(values);
    cases.push({
      name: measure.name,
      tool: variant.tool,
      status: 'ok',
      metrics: {
        medianMs: Math.round(summary.median),
        p90Ms: Math.round(summary.p90),
        overNodeMs: variant.serves && floor !== undefined ? Math.round(summary.median - floor) : null,
      },
      samples: values.map((value) => Math.round(value * 10) / 10),
    });
  }
}

printResults(
  await writeResults(
    'startup',
    `Wall time from spawn to exit (--version) or to the printed Local: URL (serve), ${RUNS} interleaved runs per case after two warm-up rounds; unbundled is the same code as tsc builds it.`,
    cases,
  ),
);
