/**
 * In-product metrics: every counter the status JSON shows (messages, refused upgrades,
 * reconnects, broadcasts by kind), applied latency (global and per document), frame sizes, error
 * counts and the recent broadcasts. This recorder is their only owner: the server and the socket
 * handlers report events here and never keep a count of their own. Everything is bounded: windows and rings of fixed size, and per-document
 * state only for documents the server holds.
 */
import type {
  BroadcastKind,
  FrameKindStats,
  FrameStats,
  HistogramBucket,
  LatencySummary,
  MessageCounts,
  RecentUpdate,
} from '../../shared/server-stats.js';
import { LatencyWindow } from './latency-stats.js';
import { LatencyHistogram } from './metrics-histogram.js';
import { RecentUpdates } from './metrics-recent.js';

/** Metrics of one document kept by {@link MetricsRecorder}. */
export interface DocumentMetrics {
  /** Applied latency reported by this document's viewers, in ms. */
  appliedLatency: LatencySummary;
  /** The same reports in fixed buckets. */
  appliedHistogram: HistogramBucket[];
  frames: FrameStats;
  /** Times an error was set on this document (clearing it is not counted). */
  errorCount: number;
}

/** Applied-latency samples each document's percentiles cover. */
const DOC_WINDOW = 200;

interface DocState {
  latency: LatencyWindow;
  histogram: LatencyHistogram;
  frames: FrameStats;
  errorCount: number;
}

const emptyKind = (): FrameKindStats => ({ count: 0, lastBytes: 0, totalBytes: 0 });

/** Server-wide counters kept by {@link MetricsRecorder}. */
export interface MetricsTotals {
  messages: MessageCounts;
  /** WebSocket handshakes refused. */
  refusedUpgrades: number;
  /** `hello` messages with `lastVersion > 0`. */
  reconnects: number;
  /** Broadcasts by kind, over every document the server ever held. */
  updates: Record<BroadcastKind, number>;
}

/** Collects the metrics the status JSON and the dashboard show. */
export class MetricsRecorder {
  private readonly totals: MetricsTotals = {
    messages: { in: 0, out: 0, ignored: 0 },
    refusedUpgrades: 0,
    reconnects: 0,
    updates: { patch: 0, update: 0, reload: 0 },
  };
  private readonly latency = new LatencyWindow();
  private readonly histogram = new LatencyHistogram();
  private readonly docs = new Map<string, DocState>();
  private readonly recent: RecentUpdates;

  /** @param recentCapacity - how many broadcasts {@link MetricsRecorder.recentUpdates} keeps */
  constructor(recentCapacity = 50) {
    this.recent = new RecentUpdates(recentCapacity);
  }

  /** A frame arrived from a client; `valid` is false when it was not a well-formed message. */
  recordReceived(valid: boolean): void {
    this.totals.messages.in += 1;
    if (!valid) this.totals.messages.ignored += 1;
  }

  /** A frame was sent to one client. */
  recordSent(): void {
    this.totals.messages.out += 1;
  }

  /** A WebSocket handshake was refused. */
  recordRefusedUpgrade(): void {
    this.totals.refusedUpgrades += 1;
  }

  /** A page that had shown a version before said `hello` again. */
  recordReconnect(): void {
    this.totals.reconnects += 1;
  }

  /** A broadcast of `bytes` per frame went to `clients` clients; counted once, in every view. */
  recordBroadcast(update: {
    doc: string;
    version: number;
    kind: BroadcastKind;
    bytes: number;
    clients: number;
    time?: number;
  }): void {
    this.totals.updates[update.kind] += 1;
    const frames = this.state(update.doc).frames;
    const kind = frames.byKind[update.kind];
    kind.count += 1;
    kind.lastBytes = update.bytes;
    kind.totalBytes += update.bytes * update.clients;
    frames.lastBytes = update.bytes;
    frames.lastKind = update.kind;
    this.recent.record({
      time: update.time ?? Date.now(),
      doc: update.doc,
      version: update.version,
      kind: update.kind,
      bytes: update.bytes,
      clients: update.clients,
    });
  }

  /**
   * A viewer of `doc` applied `version` in `ms`. Always counted globally; per document only when
   * `known` (the server holds the document), so made-up names cannot grow memory.
   */
  recordApplied(doc: string, version: number, ms: number, known: boolean): void {
    this.latency.add(ms);
    this.histogram.add(ms);
    if (known) {
      const state = this.state(doc);
      state.latency.add(ms);
      state.histogram.add(ms);
    }
    this.recent.ack(doc, version, ms);
  }

  /** An error was set on `doc`. */
  recordError(doc: string): void {
    this.state(doc).errorCount += 1;
  }

  /** Forgets the per-document numbers of a removed document (recent updates stay: they are history). */
  forget(doc: string): void {
    this.docs.delete(doc);
  }

  /** The server-wide counters (a copy). */
  counts(): MetricsTotals {
    const { messages, refusedUpgrades, reconnects, updates } = this.totals;
    return { messages: { ...messages }, refusedUpgrades, reconnects, updates: { ...updates } };
  }

  /** Applied latency over all documents. */
  appliedLatency(): LatencySummary {
    return this.latency.summary();
  }

  /** Applied latency over all documents, in fixed buckets. */
  appliedHistogram(): HistogramBucket[] {
    return this.histogram.buckets();
  }

  /** The last broadcasts, oldest first. */
  recentUpdates(): RecentUpdate[] {
    return this.recent.list();
  }

  /** The numbers of one document (zeros when nothing was recorded). */
  document(doc: string): DocumentMetrics {
    const state = this.docs.get(doc) ?? newState();
    const { frames } = state;
    return {
      appliedLatency: state.latency.summary(),
      appliedHistogram: state.histogram.buckets(),
      frames: {
        lastBytes: frames.lastBytes,
        lastKind: frames.lastKind,
        byKind: {
          patch: { ...frames.byKind.patch },
          update: { ...frames.byKind.update },
          reload: { ...frames.byKind.reload },
        },
      },
      errorCount: state.errorCount,
    };
  }

  private state(doc: string): DocState {
    let state = this.docs.get(doc);
    if (!state) {
      state = newState();
      this.docs.set(doc, state);
    }
    return state;
  }
}

function newState(): DocState {
  return {
    latency: new LatencyWindow(DOC_WINDOW),
    histogram: new LatencyHistogram(),
    frames: { lastBytes: 0, lastKind: null, byKind: { patch: emptyKind(), update: emptyKind(), reload: emptyKind() } },
    errorCount: 0,
  };
}
