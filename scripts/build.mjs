// Builds the package: tsc for the Node code, esbuild for the two browser bundles (the preview
// client injected into every page, and the dashboard page's script).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

mkdirSync(join(root, 'dist'), { recursive: true });
const browserBundles = [
  ['client', 'main.ts', 'client.js'],
  ['dashboard', 'main.ts', 'dashboard.js'],
];
for (const [folder, entry, output] of browserBundles) {
  await build({
    entryPoints: [join(root, 'src', folder, entry)],
    outfile: join(root, 'dist', output),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
