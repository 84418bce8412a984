import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PROTOCOL_VERSION, type ServerMessage } from '../../src/shared/protocol.js';
import { poll } from '../helpers/poll.js';
import { connectClient, type TestClient, withoutKeys } from './server-helpers.js';

const page0 = (n: number): string =>
  `<!doctype html><html><head><title>v</title></head><body><main><section data-block="a"><p>version ${n}</p></section>` +
  `<section data-block="b"><p>${'stable '.repeat(50)}</p></section></main></body></html>`;

const hello = (doc: string, lastVersion: number): string =>
  JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc, lastVersion });

describe('broadcast', () => {
  const server = new LivePreviewServer({ port: 0 });
  before(() => server.start());
  after(() => server.stop());

  it('delivers every version, in order, to 50 clients', async () => {
    const initial = server.updateContent(page0(0)).version;
    const clients: TestClient[] = await Promise.all(Array.from({ length: 50 }, () => connectClient(server)));
    await poll(() => server.stats().clients.total === 50, { message: '50 clients counted' });
    const versions: number[] = [];
    for (let n = 1; n <= 10; n += 1) versions.push(server.updateContent(page0(n)).version);
    assert.deepEqual(
      versions,
      versions.map((_, i) => initial + i + 1),
    );
    for (const client of clients) {
      const received = await poll(
        () => {
          const got = client
            .messages()
            .filter((m): m is Extract<ServerMessage, { type: 'patch' }> => m.type === 'patch')
            .map((m) => [m.base, m.version]);
          return got.length >= 10 ? got : undefined;
        },
        { message: 'ten patches' },
      );
      assert.deepEqual(
        received,
        versions.map((v) => [v - 1, v]),
      );
      assert.deepEqual(client.messages()[0], { type: 'hello', version: initial, doc: 'index' });
    }
    const last = clients[0]?.messages().at(-1);
    assert.ok(last?.type === 'patch');
    assert.deepEqual(
      last.ops.map((op) => ('key' in op ? op.key : op.op)),
      ['a'],
    );
    await Promise.all(
      clients.map((client) => {
        client.socket.close();
        return client.closed;
      }),
    );
    await poll(() => server.stats().clients.total === 0, { message: 'clients gone' });
  });

  it('sends nothing for identical content', async () => {
    const { version } = server.updateContent(page0(100));
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const sentBefore = server.stats().messages.out;
    const result = server.updateContent(page0(100));
    assert.deepEqual(result, { version, changed: false });
    // A later real change proves the socket works, so silence above was not a dead connection.
    server.updateContent(page0(101));
    await client.waitFor((m) => m.type === 'patch', 'patch');
    assert.deepEqual(
      client.messages().map((m) => m.type),
      ['hello', 'patch'],
    );
    assert.equal(server.stats().messages.out, sentBefore + 1);
    client.socket.close();
    await client.closed;
  });

  it('answers a hello with an old lastVersion with a full update of the current document', async () => {
    const { version } = server.updateContent(page0(200));
    const client = await connectClient(server);
    const reconnectsBefore = server.stats().reconnects;
    client.socket.send(hello('index', version - 3));
    const update = await client.waitFor((m) => m.type === 'update', 'update');
    assert.ok(update.type === 'update');
    assert.deepEqual({ ...update, html: withoutKeys(update.html) }, { type: 'update', version, html: page0(200) });
    assert.equal(server.stats().reconnects, reconnectsBefore + 1);
    // Up to date: no update again.
    client.socket.send(hello('index', version));
    client.socket.send('not json');
    await poll(() => server.stats().messages.ignored >= 1, { message: 'garbage counted' });
    assert.equal(client.messages().filter((m) => m.type === 'update').length, 1);
    client.socket.close();
    await client.closed;
  });

  it("does not send a change twice when it crosses the page's greeting, but answers a later resync request", async () => {
    const { version: greeted } = server.updateContent(page0(300));
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    // The page's greeting still names the version it was served with when this change goes out.
    const { version } = server.updateContent(page0(301));
    await client.waitFor((m) => m.type === 'patch' && m.version === version, 'patch');
    client.socket.send(hello('index', greeted));
    // A resync request after a patch that did not fit is a second hello with the same version.
    client.socket.send(hello('index', greeted));
    const update = await client.waitFor((m) => m.type === 'update', 'update answering the resync request');
    assert.ok(update.type === 'update');
    assert.equal(update.version, version);
    assert.deepEqual(
      client.messages().map((m) => m.type),
      ['hello', 'patch', 'update'],
    );
    client.socket.close();
    await client.closed;
  });

  it('answers a hello from before a script change with a reload, and one after it with an update', async () => {
    const scripted = (script: string, n: number): string =>
      page0(n).replace('</head>', `<script>${script}</script></head>`);
    const doc = 'scripted.html';
    const { version: first } = server.updateContent(scripted('window.a = 1;', 0), { doc });
    const { version: changed } = server.updateContent(scripted('window.a = 2;', 0), { doc });
    // A later edit that leaves the scripts alone does not move the line.
    server.updateContent(scripted('window.a = 2;', 1), { doc });
    const answer = async (lastVersion: number): Promise<ServerMessage['type']> => {
      const client = await connectClient(server, { doc });
      client.socket.send(hello(doc, lastVersion));
      const message = await client.waitFor((m) => m.type === 'reload' || m.type === 'update', 'reload or update');
      client.socket.close();
      await client.closed;
      return message.type;
    };
    // Morphing the new head in would run the new script but keep what the old one did.
    assert.equal(await answer(first), 'reload');
    assert.equal(await answer(changed), 'update');
    // A page from an earlier run: its scripts are unknown.
    assert.equal(await answer(first - 1000), 'reload');
    // Without scripts, an earlier run's page resumes by a morph.
    const plain = server.updateContent(page0(5), { doc: 'plain.html' }).version;
    const client = await connectClient(server, { doc: 'plain.html' });
    client.socket.send(hello('plain.html', plain - 1000));
    const message = await client.waitFor((m) => m.type === 'reload' || m.type === 'update', 'reload or update');
    assert.equal(message.type, 'update');
    client.socket.close();
    await client.closed;
  });

  it('keeps documents apart, serves them with the client injected, and reports errors', async () => {
    const { version: first } = server.updateContent('<html><body><p data-block="x">lab</p></body></html>', {
      doc: 'lab/ph.html',
    });
    assert.ok(server.documents().includes('lab/ph.html'));
    const response = await fetch(new URL('lab/ph.html', server.url));
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = await response.text();
    // One deferred client script at the start of the head, its bootstrap in an attribute.
    assert.match(
      body,
      /^<html><script data-sop-preview defer src="\/__preview\/client.js" data-sop-bootstrap="\{[^"]*&quot;doc&quot;:&quot;lab\/ph.html&quot;[^"]*"><\/script><body><p data-block="x">lab<\/p><\/body><\/html>$/,
    );

    const lab = await connectClient(server, { doc: 'lab/ph.html' });
    const index = await connectClient(server);
    await lab.waitFor((m) => m.type === 'hello', 'hello');
    server.setError(
      { code: 'SOP_ERR_SCHEMA', message: 'steps[3].text: expected text', line: 3 },
      { doc: 'lab/ph.html' },
    );
    const error = await lab.waitFor((m) => m.type === 'error', 'error');
    assert.deepEqual(error, {
      type: 'error',
      version: first,
      error: { code: 'SOP_ERR_SCHEMA', message: 'steps[3].text: expected text', line: 3 },
    });
    // A late joiner is told about the error when it says hello.
    const late = await connectClient(server, { doc: 'lab/ph.html' });
    late.socket.send(hello('lab/ph.html', first));
    await late.waitFor((m) => m.type === 'error', 'error for late joiner');
    server.updateContent('<html><body><p data-block="x">fixed</p></body></html>', { doc: 'lab/ph.html' });
    await lab.waitFor((m) => m.type === 'error-cleared', 'error-cleared');
    // The document is tiny, so the whole of it is smaller than a patch frame.
    assert.ok(lab.messages().some((m) => m.type === 'update' && m.version === first + 1 && m.html.includes('fixed')));
    assert.deepEqual(
      index.messages().map((m) => m.type),
      ['hello'],
    );
    const status = (await (await fetch(new URL('__preview/status', server.url))).json()) as ReturnType<
      LivePreviewServer['stats']
    >;
    assert.equal(status.clients.byDoc['lab/ph.html'], 2);
    assert.equal(status.documents['lab/ph.html']?.version, first + 1);
    assert.ok(!JSON.stringify(status).includes(server.token));
    server.removeDocument('lab/ph.html');
    assert.equal((await fetch(new URL('lab/ph.html', server.url))).status, 404);
    for (const client of [lab, index, late]) client.socket.close();
    await Promise.all([lab.closed, index.closed, late.closed]);
  });

  it('records applied latencies and emits events', async () => {
    const events: string[] = [];
    server.on('client-connected', () => events.push('connected'));
    server.on('applied', (info) => events.push(`applied ${info.version} ${info.ms}`));
    server.on('client-disconnected', (info) => events.push(`disconnected ${info.code}`));
    const client = await connectClient(server);
    for (const ms of [5, 10, 40]) client.socket.send(JSON.stringify({ type: 'applied', version: 7, ms }));
    await poll(() => events.length >= 4, { message: 'applied events' });
    client.socket.close(1000);
    await poll(() => events.length >= 5, { message: 'disconnect event' });
    assert.deepEqual(events, ['connected', 'applied 7 5', 'applied 7 10', 'applied 7 40', 'disconnected 1000']);
    const latency = server.stats().appliedLatency;
    assert.equal(latency.count, 3);
    assert.equal(latency.p50, 10);
    assert.equal(latency.max, 40);
    server.removeAllListeners();
  });

  it('serves a dashboard page and streams stats to dashboard sockets only', async () => {
    const page = await fetch(new URL('__preview/dashboard', server.url));
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /sop-preview dashboard/);
    assert.doesNotMatch(html, /data-sop-preview/);
    await assert.rejects(connectClient(server, { token: null, query: 'dashboard=1' }), /refused with 403/);
    const viewer = await connectClient(server);
    const dashboard = await connectClient(server, { query: 'dashboard=1' });
    const first = await dashboard.waitFor((m) => m.type === 'stats', 'stats');
    assert.ok(first.type === 'stats');
    assert.equal(first.stats.clients.total, 1);
    const { version } = server.updateContent(page0(300));
    const later = await dashboard.waitFor(
      (m) => m.type === 'stats' && m.stats.documents.index?.version === version,
      'stats with the new version',
      3000,
    );
    assert.ok(later);
    assert.ok(!dashboard.messages().some((m) => m.type === 'patch' || m.type === 'update'));
    assert.ok(!dashboard.frames.some((frame) => frame.includes(server.token)));
    viewer.socket.close();
    dashboard.socket.close();
    await Promise.all([viewer.closed, dashboard.closed]);
  });

  it('sends reload when a head script changes', async () => {
    server.updateContent('<html><head><script src="a.js"></script></head><body><p data-block="p">1</p></body></html>');
    const client = await connectClient(server);
    const { version } = server.updateContent(
      '<html><head><script src="b.js"></script></head><body><p data-block="p">1</p></body></html>',
    );
    assert.deepEqual(await client.waitFor((m) => m.type === 'reload', 'reload'), { type: 'reload', version });
    client.socket.close();
    await client.closed;
  });
});
