/**
 * `build --pdf` starts Chromium before it reads the documents (its start is most of a one-file
 * build), so a build that fails on the way must still close it: the command exits with its own
 * error, and no process of the Chromium it started outlives it.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { startCli } from '../cli/spawn-cli.js';
import { poll } from '../helpers/poll.js';
import { browserDescendants, describeProcesses, stillRunning } from '../helpers/process-tree.js';
import { BASE_SOP } from './redline-helpers.js';

/** Long enough for a one-file build on a busy machine. */
const BUILD_TIMEOUT_MS = 60_000;

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Runs `sop-preview ...args` to its end, noting every browser process it starts on the way, and
 * waits (generously: the machine may be busy) until none of them runs any more. Returns the
 * exit code, stderr and how many browser processes were seen.
 */
async function runWatchingBrowsers(
  args: string[],
  cwd: string,
): Promise<{ code: number | string; stderr: string; seen: number }> {
  const cli = startCli(args, { cwd });
  cli.child.stdin?.end();
  const seen = new Set<number>();
  let done = false;
  const watching = (async () => {
    while (!done) {
      for (const info of browserDescendants(cli.child.pid)) seen.add(info.pid);
      await setTimeout(20);
    }
  })();
  // A browser left running keeps the command alive: give up after a while instead of hanging.
  const code = await Promise.race([cli.exited, setTimeout(BUILD_TIMEOUT_MS, undefined, { ref: false })]);
  done = true;
  await watching;
  if (code === undefined) {
    // Only what this test started, by pid: the build, then the browser processes it left.
    cli.child.kill('SIGKILL');
    for (const pid of seen) killQuietly(pid);
    assert.fail(
      `the build did not end within ${BUILD_TIMEOUT_MS / 1000} s: ${describeProcesses(stillRunning([...seen]))}`,
    );
  }
  await poll(() => stillRunning([...seen]).length === 0, {
    timeout: 15_000,
    message: () =>
      `browser processes still running after the build ended: ${describeProcesses(stillRunning([...seen]))}`,
  });
  return { code, stderr: cli.stderr(), seen: seen.size };
}

describe('build --pdf that fails', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-pdf-fail-'));
    await writeFile(join(dir, 'approved.sop.yaml'), BASE_SOP);
    await writeFile(join(dir, 'broken.sop.yaml'), 'id: SOP-BROKEN\ntitle: [never closed\nmodules:\n');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('on a malformed SOP: exits 1 with the SOP error and leaves no Chromium running', async () => {
    const result = await runWatchingBrowsers(
      ['build', 'broken.sop.yaml', '--pdf', '--compare', 'approved.sop.yaml', '--out', 'out'],
      dir,
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /broken\.sop\.yaml:2:\d+ +error: YAML syntax error.*\[SOP_ERR_YAML_SYNTAX\]/);
    assert.ok(result.seen > 0, 'Chromium was started with the build (else this test shows nothing)');
  });

  it('on an error thrown midway (an unknown --compare revision): exits 1 with it and leaves no Chromium running', async () => {
    // Outside any git repository, "v9.9" is neither a file nor a revision: the redline throws.
    await writeFile(join(dir, 'current.sop.yaml'), BASE_SOP);
    const result = await runWatchingBrowsers(
      ['build', 'current.sop.yaml', '--pdf', '--compare', 'v9.9', '--out', 'out'],
      dir,
    );
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /--compare v9\.9.*\[PREVIEW_ERR_COMPARE\]/);
    assert.ok(result.seen > 0, 'Chromium was started with the build (else this test shows nothing)');
  });
});
