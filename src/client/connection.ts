/**
 * The WebSocket to the preview server: reconnects forever with capped backoff, retries at once
 * when the tab becomes visible or the network returns, and says `hello` with the version the
 * page shows on every open so the server can send what is missing.
 */
import {
  type ClientMessage,
  PROTOCOL_VERSION,
  parseServerMessage,
  type ServerMessage,
  WS_PATH,
} from '../shared/protocol.js';
import { backoffDelay } from './backoff.js';

/** Where the connection stands, as the badge shows it. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

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
    this.handlers.status('reconnecting');
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
    socket.addEventListener('open', () => {
      this.attempt = 0;
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
      if (!this.closed) this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt, Math.random());
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Status stays `reconnecting` (no countdown) while the attempt is in flight.
      this.handlers.status('reconnecting');
      this.open();
    }, delay);
    this.handlers.status(navigator.onLine === false ? 'offline' : 'reconnecting', Date.now() + delay);
  }
}
