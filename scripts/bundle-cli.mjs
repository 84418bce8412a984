// The CLI as one self-contained bundle in dist/bundle/: every dependency inlined, so it runs with a
// bare Node runtime (the Python wheel's) and starts fast. Code splitting keeps start-up short:
// `sop-preview --version` loads the entry chunk (the command line and commander) and each command
// loads its own chunks on use. Writes the licences of every bundled package next to it.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles src/cli/main.ts into `<root>/dist/bundle/sop-preview.mjs` and its chunks.
 * @param {string} root the repository root
 */
export async function bundleCli(root) {
  const outdir = join(root, 'dist', 'bundle');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { 'sop-preview': join(root, 'src', 'cli', 'main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // ws loads these native speed-ups when they are installed and works without them.
    external: ['bufferutil', 'utf-8-validate'],
    // The bundle sits two levels below the package root (src/package-files.ts).
    define: { SOP_PREVIEW_BUNDLE_ROOT: '"../.."' },
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __sopPreviewRequire } from 'node:module'; const require = __sopPreviewRequire(import.meta.url);",
    },
  });
  writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicenses(root, result.metafile));
}

/** The licence texts of the npm packages whose files are in the bundle. */
function thirdPartyLicenses(root, metafile) {
  // The package folder of each input: up to the last node_modules/ and the name after it.
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const sections = [...packages].sort().map((folder) => {
    const dir = join(root, folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return `${pkg.name}@${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
  });
  return `The sop-preview CLI bundle includes the following packages.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`;
}
