/**
 * The dashboard page's script (bundled to `dist/dashboard.js`, served at
 * `DASHBOARD_SCRIPT_PATH`): connects to the WebSocket as a dashboard, receives `stats` snapshots
 * (no polling) and renders them with plain DOM calls.
 *
 * Every value from the server is set with `textContent` or `setAttribute`, never parsed as
 * markup, so document names cannot inject anything into the page.
 */
import { DASHBOARD_CONFIG_ID, DASHBOARD_QUERY, type DashboardConfig, parseServerMessage } from '../shared/protocol.js';
import type { ServerStats } from '../shared/server-stats.js';
import { bars } from './bars.js';

/** Wait before reconnecting after the socket closed, in ms. */
const RECONNECT_MS = 2000;

const byId = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`dashboard page lacks #${id}`);
  return element;
};

const ms = (value: number | null | undefined): string =>
  value === null || value === undefined ? '-' : Number(value).toFixed(1);

const time = (epochMs: number): string => new Date(epochMs).toLocaleTimeString();

function row(values: ReadonlyArray<string | number>): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = String(value);
    tr.append(td);
  }
  return tr;
}

function render(stats: ServerStats): void {
  const { clients, messages, updates } = stats;
  byId('summary').textContent =
    `clients ${clients.total} (stale ${clients.stale}) · messages in ${messages.in} / out ${messages.out} / ` +
    `ignored ${messages.ignored} · refused upgrades ${stats.refusedUpgrades} · reconnects ${stats.reconnects} · ` +
    `uptime ${Math.round(stats.uptimeMs / 1000)} s`;
  const l = stats.appliedLatency;
  byId('latency').textContent =
    `applied latency (ms): n=${l.count} p50 ${ms(l.p50)} p90 ${ms(l.p90)} p99 ${ms(l.p99)} max ${ms(l.max)} · ` +
    `patches ${updates.patch}, updates ${updates.update}, reloads ${updates.reload}`;
  byId('clients').replaceChildren(
    ...clients.list.map((c) =>
      row([
        c.id,
        c.doc,
        time(c.connectedAt),
        c.lastAppliedVersion ?? '-',
        ms(c.lastLatencyMs),
        c.stale ? 'stale' : 'ok',
      ]),
    ),
  );
  byId('docs').replaceChildren(
    ...Object.entries(stats.documents).map(([name, d]) =>
      row([
        name,
        d.version,
        d.bytes,
        d.updates,
        d.clients,
        d.error ? `error ${d.error.code}` : 'ok',
        d.errorCount,
        ms(d.appliedLatency.p50),
        ms(d.appliedLatency.p90),
        ms(d.appliedLatency.p99),
        d.frames.lastKind ? `${d.frames.lastKind} ${d.frames.lastBytes}` : '-',
        d.frames.byKind.patch.totalBytes + d.frames.byKind.update.totalBytes + d.frames.byKind.reload.totalBytes,
      ]),
    ),
  );
  const acked = stats.recentUpdates.filter((u) => u.medianMs !== null);
  bars(
    byId('chart'),
    acked.map((u) => ({
      value: u.medianMs ?? 0,
      title: `${u.doc} v${u.version}: ${ms(u.medianMs)} ms`,
      attrs: { 'data-doc': u.doc, 'data-version': u.version },
    })),
    'median applied ms per update,',
  );
  bars(
    byId('histogram'),
    stats.appliedHistogram.map((b) => ({
      value: b.count,
      title: `${b.le === null ? '> 1000' : `<= ${b.le}`} ms: ${b.count}`,
      attrs: { 'data-le': b.le === null ? 'inf' : b.le },
    })),
    'applied reports per bucket,',
  );
  byId('recent').replaceChildren(
    ...stats.recentUpdates
      .slice()
      .reverse()
      .map((u) => row([time(u.time), u.doc, u.version, u.kind, u.bytes, u.clients, u.acks, ms(u.medianMs)])),
  );
}

function readConfig(): DashboardConfig {
  return JSON.parse(byId(DASHBOARD_CONFIG_ID).textContent ?? '{}') as DashboardConfig;
}

function connect(config: DashboardConfig): void {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const query = `?token=${encodeURIComponent(config.token)}&${DASHBOARD_QUERY}=1`;
  const socket = new WebSocket(`${scheme}${location.host}${config.ws}${query}`);
  socket.onopen = () => {
    byId('state').textContent = 'live';
  };
  socket.onmessage = (event: MessageEvent) => {
    const message = typeof event.data === 'string' ? parseServerMessage(event.data) : undefined;
    if (message?.type === 'stats') render(message.stats);
  };
  socket.onclose = () => {
    byId('state').textContent = 'disconnected, retrying';
    setTimeout(() => connect(config), RECONNECT_MS);
  };
}

connect(readConfig());
