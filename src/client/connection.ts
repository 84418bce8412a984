/**
 * The WebSocket to the preview server: reconnects forever with capped backoff, retries at once
 * when the tab becomes visible or the network returns, and says `hello` with the version the
 * page shows on every open so the server can send what is missing. While sockets fail, the page's
 * own origin is asked who serves it now (see {@link probeSession}): a restarted sop-preview hands
 * over its new token and the page reconnects in place; another program on the port, or a server
 * that refuses this page, is shown as such.
 */
import {
  type ClientMessage,
  PROTOCOL_VERSION,
  parseServerMessage,
  type ServerMessage,
  WS_PATH,
} from '../shared/protocol.js';
import { backoffDelay } from './backoff.js';
import { probeSession } from './session-probe.js';

/**
 * Where the connection stands, as the badge shows it. `refused`: sop-preview answers but refuses
 * this page (LAN mode with a stale cookie), so the page needs a reload; `foreign`: another program
 * now answers on the port. Retries go on in both.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'refused' | 'foreign';

/**
 * How often the origin is asked while it does not answer at all. A restarted server is found
 * within this much of listening, whatever the socket backoff has grown to; a refused connection
 * on the page's own host costs next to nothing.
 */
export const PROBE_INTERVAL_MS = 500;

/** What the connection reports to the rest of the client. */
export interface ConnectionHandlers {
  /** A well-formed server message arrived. */
  message(message: ServerMessage): void;
  /** The status changed; `retryAt` is the `Date.now()` of the next attempt while reconnecting. */
  status(status: ConnectionStatus, retryAt?: number): void;
  /** The version to announce in `hello`: the one the DOM shows right now. */
  version(): number;
  /** The scripts digest that version came with (`''`: none), or `undefined` when not known. */
  scripts(): string | undefined;
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
  /**
   * `performance.now()` when sop-preview last answered the probe with the token in use while
   * sockets were failing. Only a socket created after it and still refused proves a refusal: one
   * that failed just before a restarted server started listening proves nothing.
   */
  private upAt: number | undefined;
  /** What the last probe found, when it explains why no socket opens; cleared by an open. */
  private blocked: 'refused' | 'foreign' | undefined;
  private retryAt: number | undefined;
  private probing = false;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * @param url - WebSocket URL, from {@link socketUrl}; its `token` is replaced after a restart
   * @param doc - document name sent in `hello`
   * @param handlers - callbacks for messages and status changes
   */
  constructor(
    private url: string,
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

  /**
   * Asks the server for a full `update` by announcing the version the DOM shows, and the digest
   * of its scripts: a server run that did not send that version can still tell whether the page
   * may keep running the scripts it ran.
   */
  resync(): void {
    // An unknown digest (`undefined`) is left out of the frame.
    const scripts = this.handlers.scripts();
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      doc: this.doc,
      lastVersion: this.handlers.version(),
      scripts,
    });
  }

  /** Closes the socket for good. */
  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearTimeout(this.probeTimer);
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
      this.upAt = undefined;
      this.blocked = undefined;
      clearTimeout(this.probeTimer);
      this.probeTimer = undefined;
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
      const failedAfterUp = !opened && this.upAt !== undefined && created >= this.upAt;
      this.scheduleRetry();
      // Every failed or lost socket asks who serves the origin now; probing goes on while blocked,
      // so a server that then goes down shows as reconnecting and a sop-preview coming back is found.
      void this.probe(failedAfterUp);
    });
  }

  /**
   * Status while no socket is open: a known refusal or foreign server outranks the generic
   * states. `offline` is only claimed while waiting, not while an attempt is in flight.
   */
  private waitingStatus(inFlight: boolean): ConnectionStatus {
    if (this.blocked) return this.blocked;
    return !inFlight && navigator.onLine === false ? 'offline' : 'reconnecting';
  }

  /** Reports the waiting status, with the countdown when no attempt is in flight. */
  private reportWaiting(): void {
    const inFlight = this.socket !== undefined;
    this.handlers.status(this.waitingStatus(inFlight), inFlight ? undefined : this.retryAt);
  }

  /**
   * Asks the origin who serves it (one probe at a time) and acts on the answer.
   *
   * @param failedAfterUp - a socket created after sop-preview last answered with our token was
   *   refused; if it still answers with that token, it refuses this page
   */
  private async probe(failedAfterUp = false): Promise<void> {
    if (this.probing || this.closed || this.isOpen()) return;
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.probing = true;
    const found = await probeSession();
    this.probing = false;
    // A socket may have opened, or the page closed, while the probe was out.
    if (this.closed || this.isOpen()) return;
    const was = this.blocked;
    if (found.kind === 'down') {
      this.upAt = undefined;
      this.blocked = undefined;
      if (was) this.reportWaiting();
      // Poll the origin on a short fixed interval so a restart is found soon after it listens.
      this.probeTimer = setTimeout(() => void this.probe(), PROBE_INTERVAL_MS);
      return;
    }
    if (found.kind === 'denied' || found.kind === 'foreign') {
      this.upAt = undefined;
      this.blocked = found.kind === 'denied' ? 'refused' : 'foreign';
      if (was !== this.blocked) this.reportWaiting();
      return;
    }
    const current = new URL(this.url);
    if (current.searchParams.get('token') !== found.token) {
      // A new run: its token replaces ours, and the next socket says hello with the version the
      // page shows, so the server sends the whole document and the page resyncs in place.
      current.searchParams.set('token', found.token);
      this.url = current.href;
      this.blocked = undefined;
    } else if (failedAfterUp || this.blocked === 'refused') {
      if (!this.blocked) {
        this.blocked = 'refused';
        this.reportWaiting();
      }
      return;
    }
    this.upAt = performance.now();
    // The server is up: try at once rather than after the backoff, so that either the page goes
    // live or the refusal shows without delay.
    if (this.socket) return;
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
