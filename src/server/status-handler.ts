/** `GET /__preview/status`: health and metrics as JSON, for dashboards and scripts. */
import type { ServerResponse } from 'node:http';
import type { LatencySummary } from './latency-stats.js';
import type { FrameStats } from './metrics.js';
import type { HistogramBucket } from './metrics-histogram.js';
import type { RecentUpdate } from './metrics-recent.js';
import { sendJson } from './push-handler.js';

// The types the status JSON is built from, so the public API can name them from one place.
export type { LatencySummary } from './latency-stats.js';
export type { FrameKindStats, FrameStats } from './metrics.js';
export type { HistogramBucket } from './metrics-histogram.js';
export type { BroadcastKind, RecentUpdate } from './metrics-recent.js';

/** Per-document numbers in {@link ServerStats}. */
export interface DocumentStats {
  version: number;
  /** Size of the current HTML, in bytes. */
  bytes: number;
  /** Changes after the first version. */
  updates: number;
  /** Connected viewers. */
  clients: number;
  hasError: boolean;
  /** The error shown over the document now (no code frame), or `null`. */
  error: { code: string; message: string } | null;
  /** Times an error was set on the document (clearing is not counted). */
  errorCount: number;
  /** Applied latency reported by this document's viewers, in ms (last 200 reports). */
  appliedLatency: LatencySummary;
  /** Every applied report of this document, in fixed buckets. */
  appliedHistogram: HistogramBucket[];
  /** Sizes of the frames broadcast for this document, per kind. */
  frames: FrameStats;
}

/** One connected viewer in {@link ServerStats}; deliberately without address or token. */
export interface ClientStats {
  /** Id, unique per server run (as in the `client-connected` event). */
  id: number;
  doc: string;
  /** When the socket connected, in ms since the epoch. */
  connectedAt: number;
  /** Last version the client reported as applied; `null` before its first `applied`. */
  lastAppliedVersion: number | null;
  /** Apply time of that version, in ms; `null` before the first `applied`. */
  lastLatencyMs: number | null;
  /** Skipped because its send buffer is full; gets the whole document once it drains. */
  stale: boolean;
}

/** A snapshot of the server's health; never contains the token. */
export interface ServerStats {
  /** Milliseconds since `start()`, 0 when stopped. */
  uptimeMs: number;
  port: number;
  mode: 'morph' | 'reload';
  /**
   * Connected clients; `stale` ones are skipped until their send buffer drains. `list` holds at
   * most the first 500 clients by id, so the snapshot stays small with huge audiences.
   */
  clients: { total: number; stale: number; byDoc: Record<string, number>; list: ClientStats[] };
  documents: Record<string, DocumentStats>;
  messages: {
    /** Frames received from clients. */
    in: number;
    /** Frames sent to clients. */
    out: number;
    /** Client frames that were not valid messages. */
    ignored: number;
  };
  /** WebSocket handshakes refused (host, origin, token or path). */
  refusedUpgrades: number;
  /** `hello` messages with `lastVersion > 0`: pages that reconnected. */
  reconnects: number;
  /** Broadcasts by kind. */
  updates: { patch: number; update: number; reload: number };
  /** Client-reported time to apply an update, in ms, over all documents (last 1000 reports). */
  appliedLatency: LatencySummary;
  /** Every applied report, over all documents, in fixed buckets. */
  appliedHistogram: HistogramBucket[];
  /** The last 50 broadcasts, oldest first, with the median latency their viewers reported. */
  recentUpdates: RecentUpdate[];
}

/** Answers a status request. */
export function handleStatus(res: ServerResponse, stats: ServerStats): void {
  sendJson(res, 200, stats);
}
