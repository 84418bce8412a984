/**
 * The npm tarball as a user gets it: `npm pack`, installed into an empty project without dev
 * dependencies, runs every command (issue 21 item 4). The install takes its packages from npm's
 * cache when it has them (`--prefer-offline`), so this costs seconds after `npm ci`.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, runCli, startCli } from './spawn-cli.js';

const exec = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the npm tarball, installed without dev dependencies', () => {
  let dir = '';
  let project = '';
  let bin = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-tarball-'));
    // --ignore-scripts: the test runner built dist/ already; prepack would rebuild it under the
    // feet of other test files that run the CLI.
    const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(packed);
    const paths = packed.files.map((file) => file.path);
    assert.ok(paths.includes('dist/bundle/sop-preview.mjs'), 'the CLI bundle is in the tarball');
    assert.ok(paths.includes('dist/client.js') && paths.includes('themes/default.css'));
    assert.ok(!paths.some((path) => path.startsWith('src/') || path.startsWith('test/')), 'no sources or tests');
    project = join(dir, 'project');
    await exec('mkdir', [project]);
    await writeFile(join(project, 'package.json'), '{ "name": "uses-sop-preview", "private": true }\n');
    await exec(
      'npm',
      ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed.filename)],
      { cwd: project, timeout: 300_000 },
    );
    bin = join(project, 'node_modules', 'sop-preview', 'bin', 'sop-preview.js');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('installs no development dependency', async () => {
    const installed = await readdir(join(project, 'node_modules'));
    for (const dev of ['esbuild', 'playwright-core', 'typescript', 'tsx', 'morphdom']) {
      assert.ok(!installed.includes(dev), `${dev} was installed`);
    }
  });

  it('answers --version with the package version', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], { bin, cwd: project });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), version);
  });

  it('runs init, build, build --pdf without Chromium (its error) and serve', async () => {
    const init = await runCli(['init', 'sops'], { bin, cwd: project });
    assert.equal(init.code, 0, init.stderr);
    const sops = await readdir(join(project, 'sops'));
    const sop = sops.find((name) => name.endsWith('.sop.yaml'));
    assert.ok(sop, `init wrote no SOP: ${sops.join(', ')}`);

    const build = await runCli(['build', join('sops', sop), '--out', 'out'], { bin, cwd: project });
    assert.equal(build.code, 0, build.stderr);
    const html = await readFile(join(project, 'out', sop.replace(/\.sop\.yaml$/, '.html')), 'utf8');
    assert.match(html, /data-block=/);

    const noChromium = await runCli(['build', join('sops', sop), '--pdf', '--out', 'pdf-none'], {
      bin,
      cwd: project,
      env: { CHROMIUM_PATH: join(dir, 'no-chromium-here') },
    });
    assert.equal(noChromium.code, 1);
    assert.match(noChromium.stderr, /PREVIEW_ERR_NO_CHROMIUM/);
    assert.match(noChromium.stderr, /no-chromium-here/);

    const serve = startCli([join('sops', sop), '--no-open', '--port', '0'], { bin, cwd: project });
    try {
      const url = await serve.waitForLine(/Local: (\S+)/, 30_000);
      const page = await (await fetch(url)).text();
      assert.match(page, /data-block=/);
      const client = await fetch(new URL('/__preview/client.js', url));
      assert.equal(client.status, 200);
    } finally {
      await serve.stop();
    }
  });

  it('prints a PDF with build --pdf', async (t) => {
    // CI installs Chromium (a missing one fails there); elsewhere say why this is not run.
    if (!existsSync(CHROMIUM) && !process.env.CI) {
      t.skip(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
      return;
    }
    const init = await runCli(['init', 'pdf-sops'], { bin, cwd: project });
    assert.equal(init.code, 0, init.stderr);
    const sop = (await readdir(join(project, 'pdf-sops'))).find((name) => name.endsWith('.sop.yaml'));
    assert.ok(sop);
    const pdf = await runCli(['build', join('pdf-sops', sop), '--pdf', '--out', 'pdf'], { bin, cwd: project });
    assert.equal(pdf.code, 0, pdf.stderr);
    const written = await readdir(join(project, 'pdf'));
    const file = written.find((name) => name.endsWith('.pdf'));
    assert.ok(file, `no PDF among ${written.join(', ')}`);
    assert.equal((await readFile(join(project, 'pdf', file))).subarray(0, 5).toString(), '%PDF-');
  });
});
