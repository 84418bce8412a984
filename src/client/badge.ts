/**
 * The connection badge: a small pill in the bottom-right corner showing connecting / live /
 * reconnecting (with a countdown and a Retry button) / offline / refused (with a Reload button) /
 * foreign (another program answers on the port; Retry) / error, and the last update's latency. It fades while live so it does not cover the document.
 * On pages rendered with a theme it also carries the theme menu (theme-menu.ts).
 */
import { createOwnHost } from './own-host.js';
import { THEME_MENU_CSS, ThemeMenu } from './theme-menu.js';

/** What the badge can show. */
export type BadgeState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'refused' | 'foreign' | 'error';

// The live fade stops at 0.8: white text on #333 (and on the #444 buttons) composited at that
// opacity over any backdrop, white being the worst, keeps the 4.5:1 of WCAG AA (5.5:1 on a
// button over white); at 0.35 it fell to about 1.9:1.
const CSS = `
.b{position:fixed;right:12px;bottom:12px;z-index:2147483646;display:flex;gap:6px;align-items:center;
font:12px/1.4 system-ui,sans-serif;color:#fff;background:#333;border-radius:999px;padding:4px 10px;
box-shadow:0 1px 4px rgba(0,0,0,.3);transition:opacity .4s}
.d{width:8px;height:8px;border-radius:50%;background:#aaa}
.live .d{background:#2ecc71}.reconnecting .d,.connecting .d{background:#f1c40f}
.offline .d{background:#95a5a6}.error .d,.refused .d,.foreign .d{background:#e74c3c}
.s{display:flex;gap:6px;align-items:center}
.live{opacity:.8}.live:hover,.b:focus-within{opacity:1}
button{font:inherit;color:inherit;background:#444;border:0;border-radius:999px;padding:0 8px;cursor:pointer}
button[hidden]{display:none}
@media (prefers-reduced-motion:reduce){.b{transition:none}}`;

const LABELS: Record<BadgeState, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
  offline: 'offline',
  refused: 'server restarted: reload to reconnect',
  foreign: 'not sop-preview: another program now answers on this port',
  error: 'error',
};

/** The badge; created once, updated in place. */
export class Badge {
  private readonly box: HTMLElement;
  private readonly label: HTMLElement;
  /** Retry while reconnecting or offline, Reload while refused: one button, so one place to click. */
  private readonly action: HTMLButtonElement;
  private readonly host: HTMLElement;
  private state: BadgeState = 'connecting';
  private latencyMs: number | undefined;
  private retryAt: number | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly themeMenu: ThemeMenu | undefined;

  /**
   * @param onRetry - called when the reader clicks Retry
   * @param themes - themes the theme menu offers; none: no menu
   */
  constructor(onRetry: () => void, themes: readonly string[] = []) {
    const { host, root } = createOwnHost('sop-preview-badge', themes.length > 0 ? CSS + THEME_MENU_CSS : CSS);
    this.host = host;
    this.box = document.createElement('div');
    // The live region holds the state and its button only, so opening the theme menu is not announced as a status.
    const status = document.createElement('span');
    status.className = 's';
    status.setAttribute('role', 'status');
    const dot = document.createElement('span');
    dot.className = 'd';
    this.label = document.createElement('span');
    this.action = document.createElement('button');
    this.action.type = 'button';
    this.action.addEventListener('click', () => {
      // The reader asks for it, so a navigation is fine here: a server that refuses this page's
      // socket and session (LAN mode after a restart) only lets a fresh load through its checks.
      if (this.state === 'refused') location.reload();
      else onRetry();
    });
    status.append(dot, this.label, this.action);
    this.box.append(status);
    if (themes.length > 0) {
      this.themeMenu = new ThemeMenu(themes);
      this.box.append(this.themeMenu.element);
    }
    root.append(this.box);
    this.render();
  }

  /** Shows `state`; `retryAt` (a `Date.now()` time) adds a countdown while reconnecting. */
  set(state: BadgeState, retryAt?: number): void {
    this.state = state;
    this.retryAt = retryAt;
    clearInterval(this.ticker);
    this.ticker = undefined;
    // Tick only while counting down, so an idle live page runs no timers.
    if (retryAt !== undefined) this.ticker = setInterval(() => this.render(), 1000);
    this.render();
  }

  /** The document changed: the theme menu follows it (shown on themed pages, a switched theme kept). */
  documentChanged(): void {
    this.themeMenu?.sync();
  }

  /** Records the latency of the last applied update. */
  latency(ms: number): void {
    this.latencyMs = ms;
    this.render();
  }

  private render(): void {
    let text = LABELS[this.state];
    if (this.state === 'reconnecting' && this.retryAt !== undefined) {
      const seconds = Math.ceil((this.retryAt - Date.now()) / 1000);
      if (seconds > 0) text = `reconnecting in ${seconds}s`;
    }
    if (this.state === 'live' && this.latencyMs !== undefined) text += ` · ${Math.round(this.latencyMs)} ms`;
    this.label.textContent = text;
    this.box.className = `b ${this.state}`;
    const refused = this.state === 'refused';
    this.action.textContent = refused ? 'Reload' : 'Retry';
    this.action.hidden = !refused && !['reconnecting', 'offline', 'foreign'].includes(this.state);
    this.host.dataset.state = this.state;
  }
}
