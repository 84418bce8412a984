// Builds the package: tsc for the Node code (the library), esbuild for the CLI bundle that
// bin/sop-preview.js and the Python wheel run (scripts/bundle-cli.mjs), and esbuild for the browser
// bundles (the preview client injected into every page, the dashboard page's script, and the
// editor, loaded only by the editor page).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleCli } from './bundle-cli.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

mkdirSync(join(root, 'dist'), { recursive: true });
const bundle = (entry, out) =>
  build({
    entryPoints: [join(root, 'src', ...entry)],
    outfile: join(root, 'dist', out),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    legalComments: 'none',
    logLevel: 'warning',
  });
await bundle(['client', 'main.ts'], 'client.js');
await bundle(['dashboard', 'main.ts'], 'dashboard.js');
// The editor (CodeMirror) is its own bundle, loaded only by the editor page.
await bundle(['editor', 'main.ts'], 'editor.js');
await bundleCli(root);
