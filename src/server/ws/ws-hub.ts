/**
 * Connected browsers, grouped by document: fan-out, heartbeat and backpressure. A slow client is
 * skipped instead of queued, so it never delays the others and never grows server memory.
 */
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/protocol.js';
import { closeSocket } from './close-socket.js';

/** One connected browser tab. */
export interface HubClient {
  /** Increasing id, unique per server run. */
  id: number;
  /** Document the client shows. */
  doc: string;
  socket: WebSocket;
  /** Answered the last ping (or has not been pinged yet). */
  alive: boolean;
  /** Missed at least one message because its buffer was full; gets a full update when drained. */
  stale: boolean;
  /** When the socket connected, in ms since the epoch (for the status JSON). */
  connectedAt: number;
  /** The last `applied` report of this client, for the status JSON. */
  lastApplied: { version: number; ms: number } | null;
  /**
   * The version this socket was greeted with, until the page's own first `hello` arrives: every
   * later version goes out on this socket anyway, so a page at this version needs nothing more.
   */
  greeted: number | null;
}

/** What the hub needs from its owner. */
export interface HubHooks {
  /** The full `update` message for `doc` (serialised), used to resync stale clients. */
  snapshot(doc: string): string | undefined;
  /** Called for every frame sent, for counting and debug logs. */
  sent(client: HubClient, frame: string): void;
}

/** How often stale clients are checked for a drained buffer, in ms. */
const DRAIN_CHECK_MS = 100;

/** Tracks clients and sends to them. */
export class WsHub {
  private readonly clients = new Map<number, HubClient>();
  private readonly byDoc = new Map<string, Set<HubClient>>();
  private nextId = 1;
  private heartbeat: NodeJS.Timeout | null = null;
  private drainTimer: NodeJS.Timeout | null = null;

  /**
   * @param maxBufferedBytes - send buffer above which a client is skipped
   * @param heartbeatMs - ping interval
   * @param hooks - snapshot and send callbacks
   */
  constructor(
    private readonly maxBufferedBytes: number,
    private readonly heartbeatMs: number,
    private readonly hooks: HubHooks,
  ) {}

  /** Starts the heartbeat. */
  start(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
  }

  /** Registers an accepted socket, about to be greeted with version `greeted` of `doc`. */
  add(socket: WebSocket, doc: string, greeted: number): HubClient {
    const client: HubClient = {
      id: this.nextId++,
      doc,
      socket,
      alive: true,
      stale: false,
      connectedAt: Date.now(),
      lastApplied: null,
      greeted,
    };
    this.clients.set(client.id, client);
    let set = this.byDoc.get(doc);
    if (!set) {
      set = new Set();
      this.byDoc.set(doc, set);
    }
    set.add(client);
    socket.on('pong', () => {
      client.alive = true;
    });
    return client;
  }

  /** Forgets a client (after its socket closed). */
  remove(client: HubClient): void {
    this.clients.delete(client.id);
    const set = this.byDoc.get(client.doc);
    set?.delete(client);
    if (set && set.size === 0) this.byDoc.delete(client.doc);
  }

  /** Number of clients in total. */
  size(): number {
    return this.clients.size;
  }

  /** Number of clients waiting for their buffer to drain before a resync. */
  staleCount(): number {
    let count = 0;
    for (const client of this.clients.values()) if (client.stale) count += 1;
    return count;
  }

  /** Number of clients per document. */
  countsByDoc(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [doc, set] of this.byDoc) counts[doc] = set.size;
    return counts;
  }

  /** Every client. */
  all(): IterableIterator<HubClient> {
    return this.clients.values();
  }

  /** Sends one message to one client; `false` when its socket is not open. */
  send(client: HubClient, message: ServerMessage | string): boolean {
    if (client.socket.readyState !== WebSocket.OPEN) return false;
    const frame = typeof message === 'string' ? message : JSON.stringify(message);
    client.socket.send(frame);
    this.hooks.sent(client, frame);
    return true;
  }

  /**
   * Sends `frame` to every client of `doc`. A client over the buffer cap is marked stale and
   * skipped; a stale client whose buffer drained gets the full current document instead, since
   * the frame may build on versions it never received. Returns how many clients got `frame`.
   */
  broadcast(doc: string, frame: string): number {
    const set = this.byDoc.get(doc);
    if (!set) return 0;
    let sent = 0;
    for (const client of set) {
      if (client.socket.readyState !== WebSocket.OPEN) continue;
      if (client.socket.bufferedAmount > this.maxBufferedBytes) {
        this.markStale(client);
        continue;
      }
      if (client.stale) this.resync(client);
      else if (this.send(client, frame)) sent += 1;
    }
    return sent;
  }

  /**
   * Sends `frame` to every client of `doc` regardless of buffers (small control messages).
   * Returns how many clients got it.
   */
  broadcastControl(doc: string, frame: string): number {
    let sent = 0;
    for (const client of this.byDoc.get(doc) ?? []) if (this.send(client, frame)) sent += 1;
    return sent;
  }

  private markStale(client: HubClient): void {
    client.stale = true;
    if (!this.drainTimer) this.drainTimer = setInterval(() => this.checkStale(), DRAIN_CHECK_MS);
  }

  /** Sends `client` the whole current document (it is behind, or missed frames); it is fresh again. */
  resync(client: HubClient): void {
    const snapshot = this.hooks.snapshot(client.doc);
    client.stale = false;
    if (snapshot) this.send(client, snapshot);
  }

  private checkStale(): void {
    let anyStale = false;
    for (const client of this.clients.values()) {
      if (!client.stale) continue;
      if (client.socket.readyState === WebSocket.OPEN && client.socket.bufferedAmount <= this.maxBufferedBytes) {
        this.resync(client);
      } else anyStale = true;
    }
    if (!anyStale && this.drainTimer) {
      clearInterval(this.drainTimer);
      this.drainTimer = null;
    }
  }

  // A client that has not answered the previous ping is gone (sleeping laptop, dropped Wi-Fi)
  // even if TCP has not noticed yet: terminate it so its resources are freed.
  private beat(): void {
    for (const client of this.clients.values()) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      try {
        client.socket.ping();
      } catch {
        client.socket.terminate();
      }
    }
  }

  /** Closes every socket with `code`, waits up to `graceMs` for them, then terminates the rest. */
  async closeAll(code: number, reason: string, graceMs: number): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.heartbeat = null;
    this.drainTimer = null;
    await Promise.all([...this.clients.values()].map((client) => closeSocket(client.socket, code, reason, graceMs)));
  }
}
