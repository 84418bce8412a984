/**
 * The CLI surface: `--help` lists every command and flag, `--version` matches package.json,
 * usage errors exit 2 with one line saying what is wrong, and `build` / `init` do their job.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, runCli } from './spawn-cli.js';

// Each case is its own short-lived process; running a few at once keeps the file fast.
describe('sop-preview command line', { concurrency: 4 }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-cmd-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--help lists every command and flag', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const command of ['serve', 'build', 'push', 'init', 'schema'])
      assert.match(stdout, new RegExp(`^  ${command} `, 'm'));
    const flags = [
      '--port',
      '--strict-port',
      '--host',
      '--open',
      '--no-open',
      '--theme',
      '--mode',
      '--no-fallback',
      '--debounce',
      '--debug',
      '--push',
      '--require-token',
      '--out',
      '--embed-media',
      '--url',
      '--token',
      '--doc',
      '--help',
      '--version',
    ];
    for (const flag of flags) assert.ok(stdout.includes(flag), `--help does not mention ${flag}`);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await runCli(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), pkg.version);
  });

  const usageErrors: Array<[string, string[], RegExp]> = [
    ['no file', [], /missing required argument/],
    ['an unknown flag', ['examples/notes.md', '--bogus'], /unknown option '--bogus'/],
    ['a port that is not a number', ['examples/notes.md', '--port', 'abc'], /--port expects a whole number/],
    ['a port out of range', ['examples/notes.md', '--port', '70000'], /--port expects a whole number/],
    ['an unknown mode', ['examples/notes.md', '--mode', 'fast'], /--mode.*(morph|invalid)/],
    ['a missing file', ['does-not-exist.sop.yaml', '--no-open'], /no such file or folder: does-not-exist\.sop\.yaml/],
    ['an unsupported file type', ['package.json', '--no-open'], /cannot preview package\.json/],
    ['build without --out', ['build', 'examples/notes.md'], /required option '-o, --out <dir>'/],
    ['push without a token', ['push', 'examples/plain.html'], /needs a token/],
    [
      'push to a non-http URL',
      ['push', 'examples/plain.html', '--token', 't', '--url', 'ftp://x'],
      /--url expects an http URL/,
    ],
    ['an unknown command-like argument mix', ['init', 'a', 'b'], /too many arguments/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 with a one-line reason for ${what}`, async () => {
      const { code, stderr, stdout } = await runCli(args, { env: { SOP_PREVIEW_TOKEN: '' } });
      assert.equal(code, 2, `stdout: ${stdout}\nstderr: ${stderr}`);
      assert.match(stderr, message);
      assert.equal(stderr.trim().split('\n').length, 1, `one line expected, got:\n${stderr}`);
      assert.doesNotMatch(stdout, /Local:/);
    });
  }

  it('build writes standalone HTML', async () => {
    const out = join(dir, 'site');
    const { code, stdout, stderr } = await runCli([
      'build',
      'examples/lab/ph-meter-calibration.sop.yaml',
      '--out',
      out,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /1 page\(s\) written/);
    const html = await readFile(join(out, 'ph-meter-calibration.html'), 'utf8');
    assert.match(html, /Calibration of a Benchtop pH Meter/);
    assert.match(html, /data:image\/svg\+xml/, 'media embedded by default');
  });

  it('init writes a sample SOP and never overwrites it', async () => {
    const target = join(dir, 'starter');
    const first = await runCli(['init', target]);
    assert.equal(first.code, 0, first.stderr);
    const file = join(target, 'ph-meter-calibration.sop.yaml');
    assert.ok(existsSync(file));
    assert.match(await readFile(file, 'utf8'), /^id: /m);
    await writeFile(file, 'mine');
    const second = await runCli(['init', target]);
    assert.equal(second.code, 0);
    assert.match(second.stderr, /already exists/);
    assert.equal(await readFile(file, 'utf8'), 'mine');
  });
});
