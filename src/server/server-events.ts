/** The events a preview server emits, shared by the server and the handlers that raise them. */
import type { BroadcastKind } from '../shared/server-stats.js';

/** Events of `LivePreviewServer` and their payloads. */
export interface LivePreviewServerEvents {
  /** A browser connected its WebSocket. */
  'client-connected': [{ id: number; doc: string }];
  /** A browser's WebSocket closed; `code` is the close code. */
  'client-disconnected': [{ id: number; doc: string; code: number }];
  /** A change was broadcast; `bytes` is the size of the frame sent to each client. */
  update: [{ doc: string; version: number; bytes: number; kind: BroadcastKind }];
  /** A client reported applying `version` in `ms`. */
  applied: [{ doc: string; version: number; ms: number }];
  /** An unexpected server-side failure (never thrown: only emitted when someone listens). */
  error: [Error];
}
