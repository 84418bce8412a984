/**
 * Faults around the command line, black-box through a child process: the editor saving in odd
 * ways (atomic rename, delete, 200 saves in a second), a folder renamed under a running preview,
 * an unwritable build output, and Ctrl+C / SIGTERM (clean shutdown, nothing left behind).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { type ServerMessage, WS_PATH } from '../../src/shared/protocol.js';
import { type CliProcess, copyExamples, runCli, startCli } from '../cli/spawn-cli.js';
import { poll } from '../helpers/poll.js';
import { within } from './fault-helpers.js';

const TOKEN = 'cli-faults-token-0123456789abcdef';
const ENV = { SOP_PREVIEW_TOKEN: TOKEN };
const DOC = join('lab', 'ph-meter-calibration.sop.yaml');
const TITLE = 'title: Calibration of a Benchtop pH Meter';

/** Every file name under `dir`, recursively. */
async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** A viewer on the CLI's server that records the HTML of every update and patch it receives. */
async function viewer(
  url: string,
  doc = 'index',
): Promise<{ socket: WebSocket; texts: string[]; closed: Promise<number> }> {
  const { host } = new URL(url);
  const socket = new WebSocket(`ws://${host}${WS_PATH}?token=${TOKEN}&doc=${encodeURIComponent(doc)}`, {
    origin: `http://${host}`,
  });
  const texts: string[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    if (message.type === 'update') texts.push(message.html);
    if (message.type === 'patch') texts.push(message.ops.map((op) => ('html' in op ? op.html : '')).join(''));
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, texts, closed };
}

/**
 * Stops the CLI with SIGTERM; when it does not exit within `graceMs` (a broken shutdown), kills
 * it so the test fails with a message instead of hanging.
 */
async function stopCli(cli: CliProcess, graceMs = 5000): Promise<number | string> {
  if (cli.child.exitCode !== null || cli.child.signalCode !== null) return cli.exited;
  cli.child.kill('SIGTERM');
  try {
    return await within(cli.exited, 'the CLI to exit after SIGTERM', graceMs);
  } catch (error) {
    cli.child.kill('SIGKILL');
    await cli.exited;
    throw error;
  }
}

const fetchText = async (url: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(url);
  return { status: response.status, text: await response.text() };
};

describe('CLI faults', () => {
  let examples: { dir: string; cleanup: () => Promise<void> };

  before(async () => {
    examples = await copyExamples();
  });
  after(() => examples.cleanup());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: closes viewers with 1001, frees the port and exits 0`, async () => {
      const cli = startCli([join(examples.dir, DOC), '--port', '0', '--no-open'], { env: ENV });
      try {
        const url = await cli.waitForLine(/^Local: (\S+)$/m);
        const view = await viewer(url);
        cli.child.kill(signal);
        assert.equal(await within(cli.exited, `exit after ${signal}`, 5000), 0, cli.stderr());
        assert.equal(await within(view.closed, 'viewer closed', 2000), 1001);
        const port = Number(new URL(url).port);
        const refused = await new Promise<boolean>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          socket.on('connect', () => {
            socket.destroy();
            resolve(false);
          });
          socket.on('error', () => resolve(true));
        });
        assert.ok(refused, 'the port is free after exit');
        assert.doesNotMatch(cli.stderr(), /error/i);
      } finally {
        await stopCli(cli).catch(() => undefined);
      }
    });
  }

  it('SIGINT in file-fallback mode removes the temp folder before exiting', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const cli = startCli([join(examples.dir, DOC), '--port', String(port), '--strict-port', '--no-open']);
    try {
      const file = fileURLToPath(await cli.waitForLine(/^Fallback: (file:\S+)$/m));
      assert.ok(existsSync(file));
      cli.child.kill('SIGINT');
      assert.equal(await within(cli.exited, 'exit after SIGINT', 5000), 0, cli.stderr());
      assert.equal(existsSync(dirname(file)), false, 'temp folder removed');
    } finally {
      await stopCli(cli).catch(() => undefined);
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('follows atomic saves, a deletion (keeping the last render) and a re-creation', async () => {
    const path = join(examples.dir, DOC);
    const original = await readFile(path, 'utf8');
    const cli = startCli([path, '--port', '0', '--no-open'], { env: ENV });
    try {
      const url = await cli.waitForLine(/^Local: (\S+)$/m);
      const view = await viewer(url);
      const save = async (marker: string): Promise<void> => {
        // What many editors do: write a sibling temp file, then rename it over the original.
        const temp = join(dirname(path), `.ph.sop.yaml.${marker}.swp`);
        await writeFile(temp, original.replace(TITLE, `${TITLE} ${marker}`));
        await rename(temp, path);
      };
      for (const marker of ['atomic-one', 'atomic-two', 'atomic-three']) {
        await save(marker);
        await poll(() => view.texts.some((text) => text.includes(marker)), { message: `${marker} delivered` });
      }
      await rm(path);
      // Give the watcher time to see the deletion, then check the last good render stayed.
      await poll(async () => (await fetchText(url)).text.includes('atomic-three'), { message: 'last render kept' });
      assert.equal(cli.child.exitCode, null, 'still running after the deletion');
      await writeFile(path, original.replace(TITLE, `${TITLE} re-created`));
      await poll(() => view.texts.some((text) => text.includes('re-created')), {
        message: 're-created file delivered',
      });
      view.socket.close();
    } finally {
      assert.equal(await stopCli(cli), 0, cli.stderr());
      await writeFile(path, original);
    }
  });

  it('ends 200 saves in one second on the final content, and leaves no temp file', async () => {
    const path = join(examples.dir, DOC);
    const original = await readFile(path, 'utf8');
    const cli = startCli([path, '--port', '0', '--no-open'], { env: ENV });
    try {
      const url = await cli.waitForLine(/^Local: (\S+)$/m);
      const view = await viewer(url);
      const started = Date.now();
      for (let i = 0; i < 200; i += 1) {
        await writeFile(path, original.replace(TITLE, `${TITLE} save-${i}`));
        const due = started + ((i + 1) * 1000) / 200;
        if (Date.now() < due) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      }
      assert.ok(Date.now() - started < 2000, 'the 200 saves took about a second');
      await poll(() => /save-199(?!\d)/.test(view.texts.at(-1) ?? ''), {
        timeout: 5000,
        message: 'the final save delivered last',
      });
      assert.match((await fetchText(url)).text, /save-199(?!\d)/);
      assert.ok(view.texts.length < 200, `coalesced: ${view.texts.length} updates for 200 saves`);
      const leftovers = (await listAll(examples.dir)).filter((file) => /\.tmp$|\.swp$/.test(file));
      assert.deepEqual(leftovers, []);
      view.socket.close();
    } finally {
      assert.equal(await stopCli(cli), 0, cli.stderr());
      await writeFile(path, original);
    }
  });

  it('follows a folder renamed under a running folder preview', async () => {
    const root = join(examples.dir, 'renamed-case');
    await mkdir(join(root, 'team-a'), { recursive: true });
    const source = await readFile(join(examples.dir, DOC), 'utf8');
    await writeFile(join(root, 'team-a', 'ph.sop.yaml'), source.replace(TITLE, `${TITLE} in-team-a`));
    const cli = startCli([root, '--port', '0', '--no-open'], { env: ENV });
    try {
      const url = await cli.waitForLine(/^Local: (\S+)$/m);
      assert.match((await fetchText(`${url}team-a/ph.html`)).text, /in-team-a/);
      await rename(join(root, 'team-a'), join(root, 'team-b'));
      await poll(async () => (await fetchText(`${url}team-b/ph.html`)).status === 200, {
        timeout: 8000,
        message: 'served under the new name',
      });
      await poll(async () => /team-b\/ph\.html/.test((await fetchText(url)).text), {
        timeout: 8000,
        message: 'index lists the new name',
      });
      // The old name is forgotten: its page answers 404 and the index no longer lists it.
      await poll(async () => (await fetchText(`${url}team-a/ph.html`)).status === 404, {
        timeout: 8000,
        message: 'old name gone',
      });
      assert.doesNotMatch((await fetchText(url)).text, /team-a\/ph\.html/);
      const view = await viewer(url, 'team-b/ph.html');
      await writeFile(join(root, 'team-b', 'ph.sop.yaml'), source.replace(TITLE, `${TITLE} edited-after-rename`));
      await poll(() => view.texts.some((text) => text.includes('edited-after-rename')), {
        timeout: 8000,
        message: 'edit after the rename',
      });
      view.socket.close();
    } finally {
      assert.equal(await stopCli(cli), 0, cli.stderr());
    }
  });

  describe('build into an unwritable output folder', () => {
    // Tests run as root, where permission bits do not stop writes: use targets that really fail.
    const cases: [string, (dir: string) => Promise<string>][] = [
      [
        'an output path under a regular file (ENOTDIR)',
        async (dir) => {
          await writeFile(join(dir, 'not-a-folder'), 'x');
          return join(dir, 'not-a-folder', 'out');
        },
      ],
      ['an output path on a pseudo file system that refuses it (EPERM)', async () => '/sys/sop-preview-build-out'],
      // Node 20's recursive mkdir never returns here; build creates folders one level at a time.
      ['an output path under /proc', async () => '/proc/sop-preview-build-out/nested'],
      [
        'an output file name taken by a folder (the final rename fails)',
        async (dir) => {
          await mkdir(join(dir, 'out', 'ph-meter-calibration.html'), { recursive: true });
          return join(dir, 'out');
        },
      ],
    ];
    // Disk full, for real: a 16 KB tmpfs of our own (the tests run as root in CI and here).
    const mounts: string[] = [];
    cases.push([
      'a full disk (ENOSPC on a 16 KB tmpfs) mid-write',
      async (dir) => {
        const out = join(dir, 'tiny');
        await mkdir(out);
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', out]);
        mounts.push(out);
        return out;
      },
    ]);
    after(() => {
      for (const mount of mounts) execFileSync('umount', [mount]);
    });
    for (const [what, prepare] of cases) {
      it(`${what}: exits 1 with SOP_ERR_WRITE and leaves no partial file`, async () => {
        const dir = join(examples.dir, `build-${Date.now()}-${Math.random().toString(36).slice(2)}`);
        await mkdir(dir);
        const out = await prepare(dir);
        const before = await listAll(dir);
        const { code, stdout, stderr } = await runCli(['build', join(examples.dir, DOC), '--out', out]);
        assert.equal(code, 1, `${stdout}\n${stderr}`);
        assert.match(stderr, /SOP_ERR_WRITE|cannot (write|create)/);
        assert.match(stderr, /^error: /m);
        assert.ok(stderr.trim().split('\n').length <= 3, `a short message, got:\n${stderr}`);
        assert.deepEqual((await listAll(dir)).sort(), before.sort(), 'nothing written, no temp file left');
      });
    }
  });
});
