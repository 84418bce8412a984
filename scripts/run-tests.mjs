// Runs every *.test.ts under src/ and test/ with Node's test runner (TypeScript through tsx).
// Node 20's runner does not expand globs, so the files are listed here.
// Usage: node scripts/run-tests.mjs [path-filter ...]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);

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
const node =
  files.length === 0
    ? 0
    : spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
        cwd: root,
        stdio: 'inherit',
      }).status;
const python = withPython
  ? spawnSync(process.env.PYTHON ?? 'python3', ['-m', 'unittest', 'discover', '-v'], {
      cwd: join(root, 'python'),
      stdio: 'inherit',
    })
  : undefined;
const verdict = (status) => (status === 0 ? 'passed' : 'FAILED');
console.log(
  `\nNode tests (${files.length} files): ${files.length === 0 ? 'none selected' : verdict(node)}; Python tests (python/tests): ${
    python === undefined ? 'not selected' : verdict(python.status)
  }${python?.error ? ` (${python.error.message})` : ''}`,
);
process.exit(node === 0 && (python === undefined || python.status === 0) ? 0 : 1);
