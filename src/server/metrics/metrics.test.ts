import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsRecorder } from './metrics.js';
import { LATENCY_BUCKETS_MS, LatencyHistogram } from './metrics-histogram.js';
import { RecentUpdates } from './metrics-recent.js';

const counts = (histogram: LatencyHistogram): Record<string, number> =>
  Object.fromEntries(histogram.buckets().map((bucket) => [String(bucket.le), bucket.count]));

describe('LatencyHistogram', () => {
  it('puts bounds in their own bucket and overflow last', () => {
    const histogram = new LatencyHistogram();
    for (const ms of [0, 1, 1.01, 2, 5, 999.9, 1000, 1000.5, 60_000, -3, Number.NaN]) histogram.add(ms);
    const byBound = counts(histogram);
    // 0, 1, -3 and NaN (counted as 0) fall in <=1; 1.01 and 2 in <=2.
    assert.equal(byBound['1'], 4);
    assert.equal(byBound['2'], 2);
    assert.equal(byBound['5'], 1);
    assert.equal(byBound['1000'], 2);
    assert.equal(byBound.null, 2);
    assert.equal(
      histogram.buckets().reduce((sum, bucket) => sum + bucket.count, 0),
      11,
    );
  });

  it('has one bucket per bound plus the overflow bucket, in order', () => {
    const buckets = new LatencyHistogram().buckets();
    assert.deepEqual(
      buckets.map((bucket) => bucket.le),
      [...LATENCY_BUCKETS_MS, null],
    );
    assert.ok(buckets.every((bucket) => bucket.count === 0));
  });
});

describe('RecentUpdates', () => {
  const update = (version: number, doc = 'index') => ({
    time: 1000 + version,
    doc,
    version,
    kind: 'patch' as const,
    bytes: 10 * version,
    clients: 2,
  });

  it('keeps the last entries oldest first and drops the oldest', () => {
    const recent = new RecentUpdates(3);
    for (let version = 1; version <= 5; version += 1) recent.record(update(version));
    assert.deepEqual(
      recent.list().map((entry) => entry.version),
      [3, 4, 5],
    );
    assert.equal(recent.ack('index', 1, 5), false, 'evicted entries take no acks');
  });

  it('attributes acks by document and version and reports their median', () => {
    const recent = new RecentUpdates(10);
    recent.record(update(1));
    recent.record(update(1, 'other'));
    assert.equal(recent.list()[0]?.medianMs, null);
    assert.equal(recent.ack('index', 1, 4), true);
    assert.equal(recent.ack('index', 1, 10), true);
    assert.equal(recent.ack('index', 1, 6), true);
    assert.equal(recent.ack('other', 1, 30), true);
    assert.equal(recent.ack('index', 2, 30), false);
    const [index, other] = recent.list();
    assert.deepEqual({ acks: index?.acks, median: index?.medianMs }, { acks: 3, median: 6 });
    assert.deepEqual({ acks: other?.acks, median: other?.medianMs }, { acks: 1, median: 30 });
    recent.ack('index', 1, 100);
    assert.equal(recent.list()[0]?.medianMs, 8, 'even count: mean of the two middle samples');
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new RecentUpdates(0), RangeError);
    assert.throws(() => new RecentUpdates(1.5), RangeError);
  });
});

describe('MetricsRecorder', () => {
  it('sums frame sizes per kind and document', () => {
    const metrics = new MetricsRecorder();
    metrics.recordBroadcast({ doc: 'a', version: 2, kind: 'update', bytes: 500, clients: 3 });
    metrics.recordBroadcast({ doc: 'a', version: 3, kind: 'patch', bytes: 40, clients: 3 });
    metrics.recordBroadcast({ doc: 'a', version: 4, kind: 'patch', bytes: 60, clients: 2 });
    metrics.recordBroadcast({ doc: 'b', version: 2, kind: 'reload', bytes: 30, clients: 1 });
    const a = metrics.document('a').frames;
    assert.deepEqual(a, {
      lastBytes: 60,
      lastKind: 'patch',
      byKind: {
        patch: { count: 2, lastBytes: 60, totalBytes: 40 * 3 + 60 * 2 },
        update: { count: 1, lastBytes: 500, totalBytes: 1500 },
        reload: { count: 0, lastBytes: 0, totalBytes: 0 },
      },
    });
    assert.equal(metrics.document('b').frames.byKind.reload.totalBytes, 30);
    assert.deepEqual(
      metrics.recentUpdates().map((entry) => `${entry.doc}@${entry.version}:${entry.kind}`),
      ['a@2:update', 'a@3:patch', 'a@4:patch', 'b@2:reload'],
    );
  });

  it('keeps latency per document only for known documents, and globally for all', () => {
    const metrics = new MetricsRecorder();
    metrics.recordBroadcast({ doc: 'a', version: 2, kind: 'patch', bytes: 40, clients: 2 });
    metrics.recordApplied('a', 2, 3, true);
    metrics.recordApplied('a', 2, 7, true);
    metrics.recordApplied('ghost', 1, 2000, false);
    const a = metrics.document('a');
    assert.deepEqual(a.appliedLatency, { count: 2, p50: 3, p90: 7, p99: 7, max: 7 });
    assert.equal(a.appliedHistogram.find((bucket) => bucket.le === 5)?.count, 1);
    assert.equal(a.appliedHistogram.find((bucket) => bucket.le === 10)?.count, 1);
    assert.equal(metrics.appliedLatency().count, 3);
    assert.equal(metrics.appliedLatency().max, 2000);
    assert.equal(metrics.appliedHistogram().find((bucket) => bucket.le === null)?.count, 1);
    assert.equal(metrics.document('ghost').appliedLatency.count, 0, 'unknown documents keep no state');
    assert.deepEqual(
      metrics.recentUpdates().map((entry) => [entry.acks, entry.medianMs]),
      [[2, 5]],
    );
  });

  it('counts errors and forgets removed documents', () => {
    const metrics = new MetricsRecorder();
    metrics.recordError('a');
    metrics.recordError('a');
    metrics.recordApplied('a', 1, 4, true);
    assert.equal(metrics.document('a').errorCount, 2);
    metrics.forget('a');
    assert.equal(metrics.document('a').errorCount, 0);
    assert.equal(metrics.document('a').appliedLatency.count, 0);
    assert.equal(metrics.appliedLatency().count, 1, 'the global summary keeps the history');
  });

  it('stays bounded however many broadcasts it sees', () => {
    const metrics = new MetricsRecorder(50);
    for (let version = 1; version <= 500; version += 1) {
      metrics.recordBroadcast({ doc: 'a', version, kind: 'patch', bytes: 10, clients: 1 });
    }
    const recent = metrics.recentUpdates();
    assert.equal(recent.length, 50);
    assert.equal(recent[0]?.version, 451);
    assert.equal(recent.at(-1)?.version, 500);
    assert.equal(metrics.document('a').frames.byKind.patch.count, 500);
  });
});

describe('MetricsRecorder counters', () => {
  it('counts each broadcast once, and every view of it agrees', () => {
    const metrics = new MetricsRecorder();
    metrics.recordBroadcast({ doc: 'a', version: 2, kind: 'patch', bytes: 10, clients: 3 });
    metrics.recordBroadcast({ doc: 'a', version: 3, kind: 'update', bytes: 90, clients: 3 });
    metrics.recordBroadcast({ doc: 'b', version: 2, kind: 'patch', bytes: 12, clients: 1 });
    assert.deepEqual(metrics.counts().updates, { patch: 2, update: 1, reload: 0 });
    assert.equal(metrics.document('a').frames.byKind.patch.count, 1);
    assert.equal(metrics.document('b').frames.byKind.patch.count, 1);
    assert.equal(metrics.recentUpdates().length, 3);
    // Per-document numbers go with a removed document; the server-wide totals are history.
    metrics.forget('a');
    assert.deepEqual(metrics.counts().updates, { patch: 2, update: 1, reload: 0 });
  });

  it('counts received, ignored and sent frames, refusals and reconnects', () => {
    const metrics = new MetricsRecorder();
    metrics.recordReceived(true);
    metrics.recordReceived(false);
    metrics.recordSent();
    metrics.recordRefusedUpgrade();
    metrics.recordReconnect();
    const counts = metrics.counts();
    assert.deepEqual(counts.messages, { in: 2, out: 1, ignored: 1 });
    assert.equal(counts.refusedUpgrades, 1);
    assert.equal(counts.reconnects, 1);
    counts.messages.in = 99;
    assert.equal(metrics.counts().messages.in, 2, 'counts() hands out a copy');
  });
});
