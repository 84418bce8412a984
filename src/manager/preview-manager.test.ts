import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import type { PreviewErrorPayload } from '../shared/protocol.js';
import { PreviewManager } from './preview-manager.js';
import type { PreviewServerLike } from './preview-server-like.js';
import type { RenderOutcome, StatusEvent } from './render-outcome.js';

/** A stand-in server recording what the manager tells it. */
class FakeServer implements PreviewServerLike {
  readonly url = 'http://127.0.0.1:1/';
  readonly token = 't';
  readonly contents: Array<{ html: string; doc: string }> = [];
  readonly errors: Array<{ error: PreviewErrorPayload | null; doc: string }> = [];
  started = false;
  constructor(private readonly failWith?: Error) {}
  async start(): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.started = true;
  }
  async stop(): Promise<void> {
    this.started = false;
  }
  updateContent(html: string, options: { doc?: string } = {}) {
    this.contents.push({ html, doc: options.doc ?? 'index' });
    return { version: this.contents.length, changed: true };
  }
  setError(error: PreviewErrorPayload | null, options: { doc?: string } = {}): void {
    this.errors.push({ error, doc: options.doc ?? 'index' });
  }
}

const page = (text: string): string =>
  `<!doctype html><html><head><title>t</title></head><body><p>${text}</p></body></html>`;

describe('PreviewManager with a live server', () => {
  it('renders on open, calls openBrowser with the URL, and routes outcomes to the server', async () => {
    const server = new FakeServer();
    let next: RenderOutcome = { ok: true, html: page('one') };
    const opened: string[] = [];
    const statuses: StatusEvent[] = [];
    const manager = new PreviewManager({
      render: async () => next,
      createServer: () => server,
      openBrowser: (url) => {
        opened.push(url);
      },
    });
    manager.on('status', (status) => statuses.push(status));
    await manager.open();
    assert.equal(manager.state, 'live');
    assert.deepEqual(opened, [server.url]);
    assert.deepEqual(server.contents, [{ html: page('one'), doc: 'index' }]);

    next = {
      ok: false,
      error: { code: 'SOP_ERR_YAML_SYNTAX', message: 'bad', file: 'a.sop.yaml', line: 3, column: 7 },
    };
    manager.requestUpdate();
    await manager.idle();
    assert.deepEqual(server.errors.at(-1), { error: next.error, doc: 'index' });
    assert.equal(server.contents.length, 1, 'a failed render leaves the last good content');
    const failure = statuses.find((s) => s.level === 'error');
    assert.ok(failure?.message.includes('a.sop.yaml:3:7'), failure?.message);
    assert.deepEqual(failure?.error, next.error, 'the payload travels with the status, for a code frame');

    next = { ok: true, html: page('two'), doc: 'index' };
    manager.requestUpdate();
    await manager.idle();
    assert.deepEqual(server.errors.at(-1), { error: null, doc: 'index' }, 'a good render clears the error');
    assert.equal(server.contents.at(-1)?.html, page('two'));

    await manager.close();
    assert.equal(manager.state, 'closed');
    assert.equal(server.started, false);
  });

  it('turns a throwing render into a PREVIEW_ERR_RENDER error and keeps serving', async () => {
    const server = new FakeServer();
    let fail = false;
    const manager = new PreviewManager({
      render: async () => {
        if (fail) throw new Error('template exploded');
        return { ok: true, html: page('ok') };
      },
      createServer: () => server,
    });
    await manager.open();
    fail = true;
    manager.requestUpdate();
    await manager.idle();
    assert.equal(server.errors.at(-1)?.error?.code, PreviewErrorCode.Render);
    assert.match(server.errors.at(-1)?.error?.message ?? '', /template exploded/);
    await manager.close();
  });

  it('coalesces requests during a render: at most one in flight, the last state wins', async () => {
    const server = new FakeServer();
    let state = 0;
    const manager = new PreviewManager({
      render: async () => {
        const seen = state;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { ok: true, html: page(`state ${seen}`) };
      },
      createServer: () => server,
    });
    await manager.open();
    for (let i = 1; i <= 100; i += 1) {
      state = i;
      manager.requestUpdate();
    }
    await manager.idle();
    assert.equal(server.contents.at(-1)?.html, page('state 100'));
    assert.equal(manager.counters.maxInFlight, 1);
    assert.equal(manager.counters.renders, 3, 'the open render, the one in flight, and exactly one more');
    await manager.close();
  });

  it('toggles between closed and live, and ignores requests while closed', async () => {
    let renders = 0;
    const manager = new PreviewManager({
      render: async () => {
        renders += 1;
        return null;
      },
      createServer: () => new FakeServer(),
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

  for (const code of [PreviewErrorCode.PortInUse, PreviewErrorCode.NoFreePort, PreviewErrorCode.Permission]) {
    it(`falls back to a self-refreshing file on ${code}, updates it, and removes it on close()`, async () => {
      let html = page('first');
      let error: PreviewErrorPayload | undefined;
      const statuses: StatusEvent[] = [];
      const manager = new PreviewManager({
        render: async () => (error ? { ok: false, error } : { ok: true, html }),
        createServer: () => new FakeServer(new PreviewError(code, 'port 8080 is taken')),
        fallbackDir: dir,
      });
      manager.on('status', (status) => statuses.push(status));
      await manager.open();
      assert.equal(manager.state, 'fallback');
      const warn = statuses.find((s) => s.level === 'warn');
      assert.ok(warn?.message.includes(code) && warn.message.includes('port 8080 is taken'), warn?.message);
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
    });
  }

  it('rejects open() with the server error when the fallback is off', async () => {
    const manager = new PreviewManager({
      render: async () => null,
      createServer: () => new FakeServer(new PreviewError(PreviewErrorCode.PortInUse, 'taken')),
      fallbackOnFailure: false,
    });
    await assert.rejects(
      manager.open(),
      (error: unknown) => error instanceof PreviewError && error.code === 'PREVIEW_ERR_PORT_IN_USE',
    );
    assert.equal(manager.state, 'closed');
  });

  it('does not hide unexpected start failures behind the fallback', async () => {
    const manager = new PreviewManager({
      render: async () => null,
      createServer: () => new FakeServer(new TypeError('root must be a folder')),
      fallbackDir: dir,
    });
    await assert.rejects(manager.open(), TypeError);
    assert.equal(manager.state, 'closed');
  });
});
