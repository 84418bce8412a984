/**
 * The shape of the server's health snapshot: served as JSON at `/__preview/status` and pushed to
 * the dashboard in `stats` messages. Lives in `shared/` because the server builds it and the
 * dashboard (browser code) reads it, so it uses neither Node nor DOM APIs.
 *
 * @packageDocumentation
 */

/** How a change reaches viewers: a patch of blocks, the whole document, or a page reload. */
export type BroadcastKind = 'patch' | 'update' | 'reload';

/** Percentiles of the recent latency samples, in ms; zeros when there are none. */
export interface LatencySummary {
  /** Samples seen in total. */
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** One histogram bucket. */
export interface HistogramBucket {
  /** Inclusive upper bound in ms; `null` for the overflow bucket (above the last bound). */
  le: number | null;
  /** Samples that fell in this bucket (and not in a lower one). */
  count: number;
}

/** One recent broadcast, with the latency its viewers reported. */
export interface RecentUpdate {
  /** When it was sent, in ms since the epoch. */
  time: number;
  doc: string;
  version: number;
  kind: BroadcastKind;
  /** Size of the frame sent to each client, in bytes. */
  bytes: number;
  /** Clients the frame was sent to (slow clients skipped at the time are not counted). */
  clients: number;
  /** `applied` acknowledgements received for this version so far. */
  acks: number;
  /** Median applied latency of those acknowledgements in ms; `null` until the first one. */
  medianMs: number | null;
}

/** Frames of one kind broadcast for one document. */
export interface FrameKindStats {
  /** Broadcasts of this kind. */
  count: number;
  /** Size of the last frame of this kind, in bytes (0 when none yet). */
  lastBytes: number;
  /** Bytes sent in total: each frame's size times the clients it went to. */
  totalBytes: number;
}

/** Sizes of the frames broadcast for one document. */
export interface FrameStats {
  /** Size of the last broadcast frame, in bytes (0 when nothing was broadcast yet). */
  lastBytes: number;
  /** Kind of the last broadcast frame; `null` when nothing was broadcast yet. */
  lastKind: BroadcastKind | null;
  /** Per kind of frame. */
  byKind: Record<BroadcastKind, FrameKindStats>;
}

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

/** Message counts of {@link ServerStats}. */
export interface MessageCounts {
  /** Frames received from clients. */
  in: number;
  /** Frames sent to clients. */
  out: number;
  /** Client frames that were not valid messages. */
  ignored: number;
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
  messages: MessageCounts;
  /** WebSocket handshakes refused (host, origin, token or path). */
  refusedUpgrades: number;
  /** `hello` messages with `lastVersion > 0`: pages that reconnected. */
  reconnects: number;
  /** Broadcasts by kind. */
  updates: Record<BroadcastKind, number>;
  /** Client-reported time to apply an update, in ms, over all documents (last 1000 reports). */
  appliedLatency: LatencySummary;
  /** Every applied report, over all documents, in fixed buckets. */
  appliedHistogram: HistogramBucket[];
  /** The last 50 broadcasts, oldest first, with the median latency their viewers reported. */
  recentUpdates: RecentUpdate[];
}
