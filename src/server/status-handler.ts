/** `GET /__preview/status`: health and metrics as JSON, for dashboards and scripts. */
import type { ServerResponse } from 'node:http';
import type { LatencySummary } from './latency-stats.js';
import { sendJson } from './push-handler.js';

/** Per-document numbers in {@link ServerStats}. */
export interface DocumentStats {
  version: number;
  bytes: number;
  /** Changes after the first version. */
  updates: number;
  clients: number;
  hasError: boolean;
}

/** A snapshot of the server's health; never contains the token. */
export interface ServerStats {
  /** Milliseconds since `start()`, 0 when stopped. */
  uptimeMs: number;
  port: number;
  mode: 'morph' | 'reload';
  /** Connected clients; `stale` ones are skipped until their send buffer drains. */
  clients: { total: number; stale: number; byDoc: Record<string, number> };
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
  /** Client-reported time to apply an update, in ms. */
  appliedLatency: LatencySummary;
}

/** Answers a status request. */
export function handleStatus(res: ServerResponse, stats: ServerStats): void {
  sendJson(res, 200, stats);
}
