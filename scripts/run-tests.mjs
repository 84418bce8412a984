// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// Node 20's runner does not expand globs, so the files are listed here. At the end it prints the
// ten slowest test files and where the time went, so a slow suite says why.
// Usage: node scripts/run-tests.mjs [path-filter ...]
//   TEST_CONCURRENCY=N runs N test files at once (the runner's `--test-concurrency`; default 1).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const started = performance.now();
const concurrency = process.env.TEST_CONCURRENCY ?? '1';
if (!/^[1-9]\d*$/.test(concurrency)) {
  console.error(`TEST_CONCURRENCY must be a whole number of files, at least 1 (got "${concurrency}")`);
  process.exit(1);
}

/** `ms` as `8.2 s` or `11 min 32 s`. */
const duration = (ms) => {
  const seconds = ms / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
};

/** @param {string} dir @returns {string[]} */
function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const built = performance.now();

const files = ['src', 'test']
  .flatMap((dir) => findTests(join(root, dir)))
  .map((file) => relative(root, file))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
// The Python package's tests (python/tests, standard-library unittest against the built CLI) run
// after the Node tests: with no filter, or with a filter naming them (`python`, `python/tests`).
const withPython =
  filters.length === 0 || filters.some((filter) => filter.startsWith('python') || 'python/tests/'.includes(filter));
if (files.length === 0 && !withPython) {
  console.error('no test files matched');
  process.exit(1);
}
// The spec reporter prints to the terminal as before; a second reporter writes each file's time.
const timesFile = join(tmpdir(), `sop-preview-test-times-${process.pid}.json`);
const reporters = [
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${join(root, 'scripts', 'file-durations-reporter.mjs')}`,
  `--test-reporter-destination=${timesFile}`,
];
const node =
  files.length === 0
    ? 0
    : spawnSync(
        process.execPath,
        ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...reporters, ...files],
        { cwd: root, stdio: 'inherit' },
      ).status;
const nodeDone = performance.now();
const python = withPython
  ? spawnSync(process.env.PYTHON ?? 'python3', ['-m', 'unittest', 'discover', '-v'], {
      cwd: join(root, 'python'),
      stdio: 'inherit',
    })
  : undefined;
const pythonDone = performance.now();

/** @returns {{ file: string, ms: number, passed: boolean }[]} */
function fileTimes() {
  try {
    return JSON.parse(readFileSync(timesFile, 'utf8'));
  } catch {
    return []; // no file ran (or the runner died before reporting): nothing to rank
  } finally {
    rmSync(timesFile, { force: true });
  }
}

const times = fileTimes().sort((a, b) => b.ms - a.ms);
if (times.length > 0) {
  const slowest = times.slice(0, 10);
  console.log(`\nSlowest ${slowest.length} of ${times.length} test files:`);
  const width = Math.max(...slowest.map((entry) => duration(entry.ms).length));
  for (const entry of slowest) {
    const failed = entry.passed ? '' : '  (FAILED)';
    console.log(`  ${duration(entry.ms).padStart(width)}  ${relative(root, entry.file)}${failed}`);
  }
}
const sum = times.reduce((total, entry) => total + entry.ms, 0);
const parts = [
  `build ${duration(built - started)}`,
  files.length === 0
    ? undefined
    : `Node tests ${duration(nodeDone - built)} (files add up to ${duration(sum)}, ${concurrency} at a time)`,
  python === undefined ? undefined : `Python tests ${duration(pythonDone - nodeDone)}`,
].filter(Boolean);
console.log(`\nTime: ${parts.join(', ')}; total ${duration(pythonDone - started)}`);
const verdict = (status) => (status === 0 ? 'passed' : 'FAILED');
console.log(
  `\nNode tests (${files.length} files): ${files.length === 0 ? 'none selected' : verdict(node)}; Python tests (python/tests): ${
    python === undefined ? 'not selected' : verdict(python.status)
  }${python?.error ? ` (${python.error.message})` : ''}`,
);
process.exit(node === 0 && (python === undefined || python.status === 0) ? 0 : 1);
