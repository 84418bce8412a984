import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { ServerMessage } from '../../src/shared/protocol.js';
import type { ServerStats } from '../../src/shared/server-stats.js';
import { poll } from '../helpers/poll.js';
import { connectClient, type TestClient } from './server-helpers.js';

// Big enough that a one-block change travels as a patch, not as the whole document.
const page = (n: number): string =>
  `<!doctype html><html><head><title>m</title></head><body><section data-block="a"><p>edit ${n}</p></section>` +
  `<section data-block="b"><p>${'stable text '.repeat(40)}</p></section></body></html>`;

const applied = (client: TestClient, version: number, ms: number): void =>
  client.socket.send(JSON.stringify({ type: 'applied', version, ms }));

async function fetchStatus(server: LivePreviewServer): Promise<ServerStats> {
  const res = await fetch(new URL('__preview/status', server.url));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  return (await res.json()) as ServerStats;
}

const statsOf = (message: ServerMessage): ServerStats | undefined =>
  message.type === 'stats' ? message.stats : undefined;

describe('status JSON metrics', () => {
  const server = new LivePreviewServer({ port: 0 });
  before(() => server.start());
  after(() => server.stop());

  it('reports clients, frame sizes, per-document latency, errors and recent updates', async () => {
    const frames: { doc: string; version: number; bytes: number; kind: string }[] = [];
    server.on('update', (info) => frames.push(info));
    const start = server.updateContent(page(0)).version;
    server.updateContent('<html><body><p data-block="x">1</p></body></html>', { doc: 'lab/ph.html' });
    const [one, two] = await Promise.all([connectClient(server), connectClient(server)]);
    const lab = await connectClient(server, { doc: 'lab/ph.html' });
    assert.ok(one && two);
    await poll(() => server.stats().clients.total === 3, { message: 'three clients' });

    const patched = server.updateContent(page(1)).version;
    await one.waitFor((m) => m.type === 'patch' && m.version === patched, 'patch on one');
    await two.waitFor((m) => m.type === 'patch' && m.version === patched, 'patch on two');
    applied(one, patched, 4);
    applied(two, patched, 12);
    const whole = server.updateContent('<html><body><p>no blocks at all</p></body></html>').version;
    await one.waitFor((m) => m.type === 'update' && m.version === whole, 'update on one');
    applied(one, whole, 150);
    server.setError(
      { code: 'SOP_ERR_SCHEMA', message: 'steps[0].text is required', frame: '> 1 | x' },
      { doc: 'lab/ph.html' },
    );
    await poll(() => server.stats().appliedLatency.count === 3, { message: 'three acks' });

    const status = await fetchStatus(server);
    assert.ok(!JSON.stringify(status).includes(server.token), 'no token in the status');

    // Clients: one row each, with their last ack, and no address of any kind.
    assert.equal(status.clients.list.length, 3);
    const rows = new Map(
      status.clients.list.map((row) => [row.doc === 'lab/ph.html' ? 'lab' : row.lastLatencyMs, row]),
    );
    assert.deepEqual(Object.keys(status.clients.list[0] ?? {}).sort(), [
      'connectedAt',
      'doc',
      'id',
      'lastAppliedVersion',
      'lastLatencyMs',
      'stale',
    ]);
    assert.equal(rows.get(150)?.lastAppliedVersion, whole);
    assert.equal(rows.get(12)?.lastAppliedVersion, patched);
    assert.equal(rows.get('lab')?.lastAppliedVersion, null);
    for (const row of status.clients.list) {
      assert.ok(Math.abs(Date.now() - row.connectedAt) < 60_000, 'connectedAt is a recent epoch time');
      assert.equal(row.stale, false);
    }

    // Frame sizes: the same bytes the update events reported, times the clients that got them.
    const index = status.documents.index;
    assert.ok(index);
    const patchFrame = frames.find((f) => f.version === patched);
    const updateFrame = frames.find((f) => f.version === whole);
    assert.equal(patchFrame?.kind, 'patch');
    assert.equal(updateFrame?.kind, 'update');
    assert.deepEqual(index.frames.byKind.patch, {
      count: 1,
      lastBytes: patchFrame.bytes,
      totalBytes: patchFrame.bytes * 2,
    });
    // Setting page(0) over the initial page was an update too, sent to nobody.
    assert.deepEqual(index.frames.byKind.update, {
      count: frames.filter((f) => f.doc === 'index' && f.kind === 'update').length,
      lastBytes: updateFrame.bytes,
      totalBytes: updateFrame.bytes * 2,
    });
    assert.equal(index.frames.lastBytes, updateFrame.bytes);
    assert.equal(index.frames.lastKind, 'update');

    // Latency: per document and global, summary and histogram.
    assert.deepEqual(index.appliedLatency, { count: 3, p50: 12, p90: 150, p99: 150, max: 150 });
    const bucket = (buckets: ServerStats['appliedHistogram'], le: number | null): number | undefined =>
      buckets.find((b) => b.le === le)?.count;
    assert.equal(bucket(index.appliedHistogram, 5), 1);
    assert.equal(bucket(index.appliedHistogram, 20), 1);
    assert.equal(bucket(index.appliedHistogram, 200), 1);
    assert.equal(status.documents['lab/ph.html']?.appliedLatency.count, 0);
    assert.equal(status.appliedLatency.count, 3);
    assert.equal(
      status.appliedHistogram.reduce((sum, b) => sum + b.count, 0),
      3,
    );

    // Errors: the current one without its code frame, and a count.
    assert.deepEqual(status.documents['lab/ph.html']?.error, {
      code: 'SOP_ERR_SCHEMA',
      message: 'steps[0].text is required',
    });
    assert.equal(status.documents['lab/ph.html']?.errorCount, 1);
    assert.equal(status.documents['lab/ph.html']?.hasError, true);
    assert.equal(index.error, null);

    // Recent updates: both broadcasts of this test, with recipients, acks and median.
    const recent = status.recentUpdates.filter((u) => u.doc === 'index' && u.version > start);
    assert.deepEqual(
      recent.map(({ version, kind, bytes, clients, acks, medianMs }) => ({
        version,
        kind,
        bytes,
        clients,
        acks,
        medianMs,
      })),
      [
        { version: patched, kind: 'patch', bytes: patchFrame.bytes, clients: 2, acks: 2, medianMs: 8 },
        { version: whole, kind: 'update', bytes: updateFrame.bytes, clients: 2, acks: 1, medianMs: 150 },
      ],
    );
    assert.ok(recent.every((u) => Math.abs(Date.now() - u.time) < 60_000));

    // A good render clears the error; the count is history and stays.
    server.updateContent('<html><body><p data-block="x">2</p></body></html>', { doc: 'lab/ph.html' });
    const fixed = (await fetchStatus(server)).documents['lab/ph.html'];
    assert.equal(fixed?.error, null);
    assert.equal(fixed?.errorCount, 1);

    server.removeAllListeners();
    for (const client of [one, two, lab]) client.socket.close();
    await Promise.all([one.closed, two.closed, lab.closed]);
    await poll(() => server.stats().clients.list.length === 0, { message: 'client rows gone' });
  });

  it('pushes stats to dashboards soon after a change, throttled', async () => {
    const viewer = await connectClient(server);
    const dashboard = await connectClient(server, { query: 'dashboard=1' });
    await dashboard.waitFor((m) => m.type === 'stats', 'first stats');
    // The 1 s tick starts with the first snapshot, so only the change-driven push can beat it.
    const since = Date.now();
    const { version } = server.updateContent(page(100));
    await viewer.waitFor((m) => (m.type === 'patch' || m.type === 'update') && m.version === version, 'change');
    applied(viewer, version, 3);
    const acked = await dashboard.waitFor(
      (m) => statsOf(m)?.recentUpdates.some((u) => u.version === version && u.medianMs === 3) === true,
      'stats with the acked update',
      3000,
    );
    assert.ok(acked);
    assert.ok(Date.now() - since < 900, `pushed after ${Date.now() - since} ms, before the 1 s tick`);

    // A burst of 20 edits and acks yields a few snapshots, not one per event.
    const before = dashboard.messages().length;
    const burstStart = Date.now();
    let last = version;
    for (let n = 101; n <= 120; n += 1) {
      last = server.updateContent(page(n)).version;
      applied(viewer, last, 1);
    }
    await dashboard.waitFor(
      (m) => statsOf(m)?.documents.index?.version === last && statsOf(m)?.appliedLatency.count !== undefined,
      'stats with the last burst version',
      3000,
    );
    const elapsed = Date.now() - burstStart;
    const pushed = dashboard.messages().length - before;
    // At most one per throttle window plus the tick, with slack for a slow machine.
    assert.ok(pushed <= Math.ceil(elapsed / 250) + 3, `${pushed} snapshots in ${elapsed} ms`);
    assert.ok(pushed < 20, `${pushed} snapshots for 40 events`);
    viewer.socket.close();
    dashboard.socket.close();
    await Promise.all([viewer.closed, dashboard.closed]);
  });
});

describe('broadcast counting', () => {
  it('counts every broadcast exactly once: events, totals, per-document frames and recent updates agree', async () => {
    const server = new LivePreviewServer({ port: 0 });
    await server.start();
    try {
      const events: Record<string, number> = { patch: 0, update: 0, reload: 0 };
      server.on('update', ({ kind }) => {
        events[kind] = (events[kind] ?? 0) + 1;
      });
      server.updateContent(page(0));
      server.updateContent(page(1));
      server.updateContent('<html><body><p>no blocks at all</p></body></html>');
      server.updateContent('<html><head><script>1</script></head><body><p>no blocks</p></body></html>');
      server.updateContent('<html><body><p data-block="x">1</p></body></html>', { doc: 'other' });
      server.updateContent('<html><body><p data-block="x">2</p></body></html>', { doc: 'other' });
      const stats = server.stats();
      assert.ok(events.patch! > 0 && events.update! > 0 && events.reload! > 0, JSON.stringify(events));
      assert.deepEqual(stats.updates, events);
      for (const kind of ['patch', 'update', 'reload'] as const) {
        const perDocument = Object.values(stats.documents).reduce((sum, doc) => sum + doc.frames.byKind[kind].count, 0);
        assert.equal(perDocument, events[kind], `${kind} per document`);
        assert.equal(stats.recentUpdates.filter((u) => u.kind === kind).length, events[kind], `${kind} recent`);
      }
    } finally {
      await server.stop();
    }
  });
});
