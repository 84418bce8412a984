/**
 * The preview server's core as its handlers see it: each piece has one owner, and a handler
 * reaches the others only through it. The options are read-only, the store holds the documents,
 * the hub the viewer sockets, the metrics recorder every counter, and `emit` raises the public
 * events (and, with them, a dashboard refresh).
 */
import type { ContentStore } from './content-store.js';
import type { MetricsRecorder } from './metrics/metrics.js';
import type { ResolvedServerOptions } from './options.js';
import type { LivePreviewServerEvents } from './server-events.js';
import type { WsHub } from './ws/ws-hub.js';

/** Raises one of the server's public events. */
export type EmitServerEvent = <K extends keyof LivePreviewServerEvents>(
  event: K,
  ...args: LivePreviewServerEvents[K]
) => void;

/** What request and socket handlers receive from the server. */
export interface ServerCore {
  /** The resolved server options. */
  readonly options: ResolvedServerOptions;
  /** The documents, their versions and errors. */
  readonly store: ContentStore;
  /** The connected viewers, grouped by document. */
  readonly hub: WsHub;
  /** The one owner of every counter and latency figure. */
  readonly metrics: MetricsRecorder;
  /** Raises a public event (`client-connected`, `applied`...). */
  readonly emit: EmitServerEvent;
}
