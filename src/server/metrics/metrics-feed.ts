/**
 * Pushes `stats` snapshots to open dashboards: one on connect, one every tick, and one soon after
 * anything worth seeing (a broadcast, an ack), throttled so a burst of edits or a room full of
 * acknowledging viewers costs at most a few snapshots a second. Nothing runs while no dashboard
 * is open.
 */
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/protocol.js';
import type { ServerStats } from '../../shared/server-stats.js';
import { closeSocket } from '../ws/close-socket.js';

/** Timing of a {@link MetricsFeed}, in ms. */
export interface MetricsFeedTiming {
  /** Interval of the regular snapshot. */
  tickMs: number;
  /** Minimum time between two snapshots pushed by {@link MetricsFeed.nudge}. */
  throttleMs: number;
  /** Ping interval; a dashboard that did not answer the previous ping is terminated. */
  heartbeatMs: number;
}

/** The dashboard sockets and the timers that feed them. */
export class MetricsFeed {
  private readonly sockets = new Set<WebSocket>();
  private ticker: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  // Dashboards that answered the last ping. A dead one (a closed laptop lid) would otherwise stay
  // in the set, and be serialised for, until a send finally failed.
  private readonly alive = new WeakSet<WebSocket>();
  private pending: NodeJS.Timeout | null = null;
  private lastPush = 0;

  /**
   * @param snapshot - the current stats (serialised as the `stats` field)
   * @param timing - tick and throttle intervals
   */
  constructor(
    private readonly snapshot: () => ServerStats,
    private readonly timing: MetricsFeedTiming,
  ) {}

  /** Open dashboards. */
  get size(): number {
    return this.sockets.size;
  }

  /** Adds an accepted dashboard socket and sends it a snapshot right away. */
  add(ws: WebSocket): void {
    this.sockets.add(ws);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.sockets.delete(ws);
      if (this.sockets.size === 0) this.clearTimers();
    });
    this.send([ws]);
    this.ticker ??= setInterval(() => this.push(), this.timing.tickMs);
    this.heartbeat ??= setInterval(() => this.beat(), this.timing.heartbeatMs);
  }

  /** Something changed: push a snapshot now, or as soon as the throttle allows. */
  nudge(): void {
    if (this.sockets.size === 0 || this.pending) return;
    const wait = Math.max(0, this.lastPush + this.timing.throttleMs - Date.now());
    this.pending = setTimeout(() => {
      this.pending = null;
      this.push();
    }, wait);
  }

  /** Closes every dashboard with `code`, terminating those that do not answer within `graceMs`. */
  async closeAll(code: number, reason: string, graceMs: number): Promise<void> {
    this.clearTimers();
    await Promise.all([...this.sockets].map((ws) => closeSocket(ws, code, reason, graceMs)));
  }

  private beat(): void {
    for (const ws of this.sockets) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  private push(): void {
    this.send(this.sockets);
  }

  private send(sockets: Iterable<WebSocket>): void {
    this.lastPush = Date.now();
    const frame = JSON.stringify({ type: 'stats', stats: this.snapshot() } satisfies ServerMessage);
    for (const ws of sockets) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  }

  private clearTimers(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pending) clearTimeout(this.pending);
    this.ticker = null;
    this.heartbeat = null;
    this.pending = null;
  }
}
