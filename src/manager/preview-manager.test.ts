import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import type { PreviewErrorPayload } from '../shared/protocol.js';
import { PreviewManager } from './preview-manager.js';
import type { RenderOutcome, StatusEvent } from './render-outcome.js';

/** The page the server serves for `doc`, without the implicit keys the server adds to unkeyed elements. */
async function served(manager: PreviewManager, doc = ''): Promise<string> {
  const res = await fetch(new URL(doc, manager.url));
  assert.equal(res.status, 200);
  return (await res.text()).replace(/ data-sop-key="[^"]*"/g, '');
}

/** The error the server currently shows over `doc`, as in its status JSON. */
const shownError = (manager: PreviewManager, doc = 'index') => manager.server?.stats().documents[doc]?.error ?? null;

/** A TCP server holding a loopback port, so a strict-port start fails for real. */
async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const blocker = createNetServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  assert.ok(address && typeof address === 'object');
  return { port: address.port, release: () => new Promise((resolve) => blocker.close(() => resolve())) };
}

const page = (text: string): string =>
  `<!doctype html><html><head><title>t</title></head><body><p>${text}</p></body></html>`;

describe('PreviewManager with a live server', () => {
  it('renders on open, calls openBrowser with the URL, and routes outcomes to the server', async () => {
    let next: RenderOutcome = { ok: true, html: page('one') };
    const opened: string[] = [];
    const statuses: StatusEvent[] = [];
    const manager = new PreviewManager({
      render: async () => next,
      server: { port: 0 },
      openBrowser: (url) => {
        opened.push(url);
      },
    });
    manager.on('status', (status) => statuses.push(status));
    await manager.open();
    assert.equal(manager.state, 'live');
    const server = manager.server;
    assert.ok(server);
    assert.notEqual(server.port, 0, 'port 0 picks a free port');
    assert.deepEqual(opened, [server.url]);
    assert.equal(manager.url, server.url);
    assert.match(await served(manager), /<p>one<\/p>/);

    next = {
      ok: false,
      error: { code: 'SOP_ERR_YAML_SYNTAX', message: 'bad', file: 'a.sop.yaml', line: 3, column: 7 },
    };
    manager.requestUpdate();
    await manager.idle();
    assert.deepEqual(shownError(manager), { code: 'SOP_ERR_YAML_SYNTAX', message: 'bad' });
    assert.match(await served(manager), /<p>one<\/p>/, 'a failed render leaves the last good content');
    const failure = statuses.find((s) => s.level === 'error');
    assert.ok(failure?.message.includes('a.sop.yaml:3:7'), failure?.message);
    assert.deepEqual(failure?.error, next.error, 'the payload travels with the status, for a code frame');

    next = { ok: true, html: page('two'), doc: 'index' };
    manager.requestUpdate();
    await manager.idle();
    assert.equal(shownError(manager), null, 'a good render clears the error');
    assert.match(await served(manager), /<p>two<\/p>/);

    const url = server.url;
    await manager.close();
    assert.equal(manager.state, 'closed');
    assert.equal(manager.server, undefined);
    await assert.rejects(fetch(url), 'the port is free again');
  });

  it('turns a throwing render into a PREVIEW_ERR_RENDER error and keeps serving', async () => {
    let fail = false;
    const manager = new PreviewManager({
      render: async () => {
        if (fail) throw new Error('template exploded');
        return { ok: true, html: page('ok') };
      },
      server: { port: 0 },
    });
    await manager.open();
    fail = true;
    manager.requestUpdate();
    await manager.idle();
    const error = shownError(manager);
    assert.equal(error?.code, PreviewErrorCode.Render);
    assert.match(error?.message ?? '', /template exploded/);
    assert.match(await served(manager), /<p>ok<\/p>/);
    await manager.close();
  });

  it('coalesces requests during a render: never two at once, the last state wins', async () => {
    let state = 0;
    let running = 0;
    let overlapped = false;
    const manager = new PreviewManager({
      render: async () => {
        running += 1;
        if (running > 1) overlapped = true;
        const seen = state;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return { ok: true, html: page(`state ${seen}`) };
      },
      server: { port: 0 },
    });
    await manager.open();
    for (let i = 1; i <= 100; i += 1) {
      state = i;
      manager.requestUpdate();
    }
    await manager.idle();
    assert.match(await served(manager), /<p>state 100<\/p>/);
    assert.equal(overlapped, false, 'the render callback never ran twice at once');
    assert.equal(manager.counters.renders, 3, 'the open render, the one in flight, and exactly one more');
    await manager.close();
  });

  it('drops a render that a newer change overtook (half-written files), but never two in a row', async () => {
    const versions: string[] = [];
    let state = 0;
    const manager = new PreviewManager({
      render: async () => {
        const seen = state;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { ok: true, html: page(`state ${seen}`) };
      },
      server: { port: 0 },
    });
    manager.on('render', ({ outcomes }) => {
      for (const outcome of outcomes) if (outcome.ok) versions.push(/state \d+/.exec(outcome.html)?.[0] ?? '');
    });
    await manager.open();
    await manager.idle();
    versions.length = 0;
    // A write in two chunks: the first watch event starts a render of the half file, the second
    // arrives while it runs. Only the whole file may show.
    state = 1;
    manager.requestUpdate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    state = 2;
    manager.requestUpdate();
    await manager.idle();
    assert.deepEqual(versions, ['state 2']);
    assert.match(await served(manager), /<p>state 2<\/p>/);
    // A stream of changes faster than renders: every other render still shows.
    versions.length = 0;
    for (let i = 3; i <= 12; i += 1) {
      state = i;
      manager.requestUpdate();
      await new Promise((resolve) => setTimeout(resolve, 12));
    }
    await manager.idle();
    assert.ok(versions.length >= 3, `shown while changes kept coming: ${versions.join(', ')}`);
    assert.equal(versions.at(-1), 'state 12');
    await manager.close();
  });

  it('shows the documents of a dropped render with the next one when that one does not render them again', async () => {
    // A folder source renders only the files that changed: a dropped outcome would never come back.
    const queue: RenderOutcome[][] = [
      [{ ok: true, html: page('a1'), doc: 'a' }],
      [{ ok: true, html: page('b1'), doc: 'b' }],
    ];
    const manager = new PreviewManager({
      render: async () => {
        const next = queue.shift() ?? [];
        await new Promise((resolve) => setTimeout(resolve, 20));
        return next;
      },
      server: { port: 0 },
    });
    await manager.open();
    await manager.idle();
    queue.splice(0, 0, [{ ok: true, html: page('a2'), doc: 'a' }]);
    manager.requestUpdate();
    await new Promise((resolve) => setTimeout(resolve, 5));
    manager.requestUpdate();
    await manager.idle();
    assert.match(await served(manager, 'a'), /<p>a2<\/p>/);
    assert.match(await served(manager, 'b'), /<p>b1<\/p>/);
    await manager.close();
  });

  it('toggles between closed and live, and ignores requests while closed', async () => {
    let renders = 0;
    const manager = new PreviewManager({
      render: async () => {
        renders += 1;
        return null;
      },
      server: { port: 0 },
    });
    manager.requestUpdate();
    await manager.idle();
    assert.equal(renders, 0);
    await manager.toggle();
    assert.equal(manager.state, 'live');
    await manager.toggle();
    assert.equal(manager.state, 'closed');
    await manager.toggle();
    assert.equal(manager.state, 'live');
    await manager.close();
    assert.equal(renders, 2);
  });

  it('forgets a removed document: its URL answers 404', async () => {
    const manager = new PreviewManager({
      render: async () => [
        { ok: true, html: page('home') },
        { ok: true, html: page('lab'), doc: 'lab.html' },
      ],
      server: { port: 0 },
    });
    await manager.open();
    assert.match(await served(manager, 'lab.html'), /<p>lab<\/p>/);
    manager.removeDocument('lab.html');
    assert.equal((await fetch(new URL('lab.html', manager.url))).status, 404);
    await manager.close();
  });

  it('validates its options', () => {
    assert.throws(() => new PreviewManager({} as never), TypeError);
    assert.throws(() => new PreviewManager({ render: async () => null, debounceMs: -5 }), RangeError);
  });
});

describe('PreviewManager file fallback', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-fallback-test-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('falls back to a self-refreshing file when the port is taken, updates it, and removes it on close()', async () => {
    const code = PreviewErrorCode.PortInUse;
    const taken = await occupyPort();
    try {
      let html = page('first');
      let error: PreviewErrorPayload | undefined;
      const statuses: StatusEvent[] = [];
      const manager = new PreviewManager({
        render: async () => (error ? { ok: false, error } : { ok: true, html }),
        server: { port: taken.port, strictPort: true },
        fallbackDir: dir,
      });
      manager.on('status', (status) => statuses.push(status));
      await manager.open();
      assert.equal(manager.state, 'fallback');
      const warn = statuses.find((s) => s.level === 'warn');
      assert.ok(warn?.message.includes(code) && warn.message.includes(String(taken.port)), warn?.message);
      const file = fileURLToPath(manager.url!);
      assert.ok(file.startsWith(join(dir, 'sop-preview-')));
      const first = await readFile(file, 'utf8');
      assert.match(first, /<p>first<\/p>/);
      assert.match(first, /location\.reload\(\)/, 'the page refreshes itself');
      assert.ok(first.indexOf('location.reload') < first.indexOf('</body>'), 'script goes before </body>');

      html = page('second');
      manager.requestUpdate();
      await manager.idle();
      assert.match(await readFile(file, 'utf8'), /<p>second<\/p>/);

      error = {
        code: 'SOP_ERR_SCHEMA',
        message: 'steps[0].text: expected text',
        file: 'x.sop.yaml',
        line: 4,
        column: 9,
      };
      manager.requestUpdate();
      await manager.idle();
      const broken = await readFile(file, 'utf8');
      assert.match(broken, /<p>second<\/p>/, 'last good content stays');
      assert.match(broken, /x\.sop\.yaml:4:9/);

      const folder = manager.fallbackFolder!;
      await manager.close();
      assert.equal(existsSync(folder), false, 'temp folder removed');
      assert.equal(manager.state, 'closed');
    } finally {
      await taken.release();
    }
  });

  it('rejects open() with the server error when the fallback is off', async () => {
    const taken = await occupyPort();
    const manager = new PreviewManager({
      render: async () => null,
      server: { port: taken.port, strictPort: true },
      fallbackOnFailure: false,
    });
    await assert.rejects(
      manager.open(),
      (error: unknown) => error instanceof PreviewError && error.code === 'PREVIEW_ERR_PORT_IN_USE',
    );
    assert.equal(manager.state, 'closed');
    await taken.release();
  });

  it('does not hide unexpected start failures behind the fallback', async () => {
    const manager = new PreviewManager({
      render: async () => null,
      server: { port: 0, root: join(dir, 'no such folder') },
      fallbackDir: dir,
    });
    await assert.rejects(manager.open(), TypeError);
    assert.equal(manager.state, 'closed');
  });
});
