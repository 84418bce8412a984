/**
 * The WebSocket to the preview server: reconnects forever with capped backoff, retries at once
 * when the tab becomes visible or the network returns, and says `hello` with the version the
 * page shows on every open so the server can send what is missing. When sockets keep being refused
 * while the page's own URL answers, the server is up but no longer accepts this page (it
 * restarted with another token): only a reload can fix that, so the status says so.
 */
import {
  type ClientMessage,
  PROTOCOL_VERSION,
  parseServerMessage,
  type ServerMessage,
  WS_PATH,
} from '../shared/protocol.js';
import { backoffDelay } from './backoff.js';

/**
 * Where the connection stands, as the badge shows it. `refused`: the server answers HTTP but
 * keeps refusing this page's socket, so the page needs a reload (retries go on meanwhile).
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'refused';

/**
 * Consecutive sockets closed before opening after which the page's URL is probed. One or two
 * are normal while a server restarts; more while it answers HTTP means it refuses us.
 */
export const PROBE_AFTER_FAILURES = 3;

/** What the connection reports to the rest of the client. */
export interface ConnectionHandlers {
  /** A well-formed server message arrived. */
  message(message: ServerMessage): void;
  /** The status changed; `retryAt` is the `Date.now()` of the next attempt while reconnecting. */
  status(status: ConnectionStatus, retryAt?: number): void;
  /** The version to announce in `hello`: the one the DOM shows right now. */
  version(): number;
  /** A frame went out (for debug logging). */
  sent?(message: ClientMessage): void;
}

/** Builds the WebSocket URL for `doc` on the page's own host, so it works behind any port. */
export function socketUrl(token: string, doc: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}&doc=${encodeURIComponent(doc)}`;
}

/** One live connection per page; see {@link ConnectionHandlers} for what it reports. */
export class Connection {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Sockets in a row that closed before they opened. */
  private failures = 0;
  /**
   * `performance.now()` when the page's URL last answered while sockets were failing. Only a socket
   * created after it and still refused proves a refusal: one that failed just before a restarted
   * server started listening proves nothing.
   */
  private upAt: number | undefined;
  /** Whether the server is known to refuse this page's socket; cleared by an open or a failed probe. */
  private refused = false;
  private retryAt: number | undefined;

  /**
   * @param url - WebSocket URL, from {@link socketUrl}
   * @param doc - document name sent in `hello`
   * @param handlers - callbacks for messages and status changes
   */
  constructor(
    private readonly url: string,
    private readonly doc: string,
    private readonly handlers: ConnectionHandlers,
  ) {}

  /** Opens the socket and starts watching visibility and network events. */
  start(): void {
    // A hidden tab's timers are throttled to a minute or more; coming back should not wait for them.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.retryNow();
    });
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      if (!this.isOpen()) this.handlers.status('offline');
    });
    // Reconnecting while the page unloads would only race the next page's own connection.
    window.addEventListener('pagehide', () => this.stop());
    // Back from the back-forward cache: the page is live again and so must be its socket.
    window.addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      this.closed = false;
      this.socket = undefined;
      this.retryNow();
    });
    this.handlers.status('connecting');
    this.open();
  }

  /** Skips the backoff wait; does nothing while a socket is open or opening. */
  retryNow(): void {
    if (this.closed || this.socket) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.retryAt = undefined;
    this.handlers.status(this.waitingStatus(true));
    this.open();
  }

  /** Sends `message` if the socket is open; returns whether it went out. */
  send(message: ClientMessage): boolean {
    if (!this.isOpen()) return false;
    this.socket?.send(JSON.stringify(message));
    this.handlers.sent?.(message);
    return true;
  }

  /** Asks the server for a full `update` by announcing the version the DOM shows. */
  resync(): void {
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, doc: this.doc, lastVersion: this.handlers.version() });
  }

  /** Closes the socket for good. */
  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
  }

  private isOpen(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  private open(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    const created = performance.now();
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.attempt = 0;
      this.failures = 0;
      this.upAt = undefined;
      this.refused = false;
      this.handlers.status('live');
      this.resync();
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const message = parseServerMessage(event.data);
      if (message) this.handlers.message(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.closed) return;
      if (!opened) {
        this.failures += 1;
        if (this.upAt !== undefined && created >= this.upAt) this.refused = true;
      }
      this.scheduleRetry();
      // Probing goes on while refused, so a server that then goes down shows as reconnecting.
      if (!opened && this.failures >= PROBE_AFTER_FAILURES) void this.probe();
    });
  }

  /**
   * Status while no socket is open: a known refusal outranks the generic states. `offline` is
   * only claimed while waiting, not while an attempt is in flight (it may be about to succeed).
   */
  private waitingStatus(inFlight: boolean): ConnectionStatus {
    if (this.refused) return 'refused';
    return !inFlight && navigator.onLine === false ? 'offline' : 'reconnecting';
  }

  /**
   * Asks the page's own URL whether the server is up. Any HTTP answer counts (even 401 or 404):
   * the socket is what fails, not the server. A network error means it is simply down.
   */
  private async probe(): Promise<void> {
    let up: boolean;
    try {
      await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
      up = true;
    } catch {
      up = false;
    }
    // A socket may have opened, or the page closed, while the probe was out.
    if (this.closed || this.isOpen()) return;
    if (!up) {
      this.upAt = undefined;
      if (!this.refused) return;
      this.refused = false;
      const inFlight = this.socket !== undefined;
      this.handlers.status(this.waitingStatus(inFlight), inFlight ? undefined : this.retryAt);
      return;
    }
    if (this.refused) return;
    this.upAt = performance.now();
    // The server is up: try at once rather than after the backoff, so that either the page goes
    // live or the refusal shows without delay.
    this.retryNow();
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt, Math.random());
    this.attempt += 1;
    this.retryAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retryAt = undefined;
      // Status stays the same (no countdown) while the attempt is in flight.
      this.handlers.status(this.waitingStatus(true));
      this.open();
    }, delay);
    this.handlers.status(this.waitingStatus(false), this.retryAt);
  }
}
