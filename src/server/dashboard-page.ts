/**
 * `GET /__preview/dashboard`: a self-contained page that shows the server's health live. It gets
 * `stats` messages over the WebSocket (no polling) and renders them with plain DOM calls: a
 * clients table, a documents table, a latency chart, a latency histogram and the recent updates.
 */
import { DASHBOARD_PATH, WS_PATH } from '../shared/protocol.js';
import { scriptSafeJson } from './inject-client.js';

/** How often dashboards receive a `stats` message, in ms. */
export const DASHBOARD_INTERVAL_MS = 1000;

/**
 * Minimum time between the extra `stats` messages pushed after a broadcast or an ack, in ms:
 * prompt enough to watch an edit land, cheap when many viewers acknowledge at once.
 */
export const DASHBOARD_THROTTLE_MS = 250;

/** Query parameter that marks a WebSocket as a dashboard connection. */
export const DASHBOARD_QUERY = 'dashboard';

// Every value from the server is set with textContent or setAttribute, never parsed as markup,
// so document names cannot inject anything into the page.
const SCRIPT = `
const config = window.__SOP_DASHBOARD__;
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);
const ms = (value) => (value === null || value === undefined ? '-' : Number(value).toFixed(1));
const row = (values) => {
  const tr = document.createElement('tr');
  for (const value of values) { const td = document.createElement('td'); td.textContent = String(value); tr.append(td); }
  return tr;
};
const svgEl = (name, attrs, title) => {
  const el = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (title !== undefined) { const t = document.createElementNS(SVG, 'title'); t.textContent = title; el.append(t); }
  return el;
};
// Bars scaled to the largest value; a sample of 0 still gets a 1px bar so it is visible.
function bars(svg, items, label) {
  const width = 500, height = 120, max = Math.max(1, ...items.map((item) => item.value));
  const slot = width / Math.max(items.length, 1);
  svg.replaceChildren(svgEl('line', { x1: 0, y1: height, x2: width, y2: height, stroke: '#999' }));
  items.forEach((item, i) => {
    const h = Math.max(1, (item.value / max) * (height - 10));
    svg.append(svgEl('rect', { x: i * slot + 1, y: height - h, width: Math.max(1, slot - 2), height: h, fill: '#3b6ea8',
      class: 'bar', ...item.attrs }, item.title));
  });
  const scale = svgEl('text', { x: 4, y: 12, 'font-size': 11, fill: '#555' });
  scale.textContent = label + ' max ' + max.toFixed(1);
  svg.append(scale);
}
function render(stats) {
  $('summary').textContent = 'clients ' + stats.clients.total + ' (stale ' + stats.clients.stale + ') · messages in ' +
    stats.messages.in + ' / out ' + stats.messages.out + ' / ignored ' + stats.messages.ignored + ' · refused upgrades ' +
    stats.refusedUpgrades + ' · reconnects ' + stats.reconnects + ' · uptime ' + Math.round(stats.uptimeMs / 1000) + ' s';
  const l = stats.appliedLatency;
  $('latency').textContent = 'applied latency (ms): n=' + l.count + ' p50 ' + ms(l.p50) + ' p90 ' + ms(l.p90) +
    ' p99 ' + ms(l.p99) + ' max ' + ms(l.max) + ' · patches ' + stats.updates.patch + ', updates ' +
    stats.updates.update + ', reloads ' + stats.updates.reload;
  $('clients').replaceChildren(...stats.clients.list.map((c) => row([c.id, c.doc,
    new Date(c.connectedAt).toLocaleTimeString(), c.lastAppliedVersion ?? '-', ms(c.lastLatencyMs), c.stale ? 'stale' : 'ok'])));
  $('docs').replaceChildren(...Object.entries(stats.documents).map(([name, d]) => row([name, d.version, d.bytes, d.updates,
    d.clients, d.error ? 'error ' + d.error.code : 'ok', d.errorCount, ms(d.appliedLatency.p50), ms(d.appliedLatency.p90),
    ms(d.appliedLatency.p99), d.frames.lastKind ? d.frames.lastKind + ' ' + d.frames.lastBytes : '-',
    d.frames.byKind.patch.totalBytes + d.frames.byKind.update.totalBytes + d.frames.byKind.reload.totalBytes])));
  const acked = stats.recentUpdates.filter((u) => u.medianMs !== null);
  bars($('chart'), acked.map((u) => ({ value: u.medianMs, title: u.doc + ' v' + u.version + ': ' + ms(u.medianMs) + ' ms',
    attrs: { 'data-doc': u.doc, 'data-version': u.version } })), 'median applied ms per update,');
  bars($('histogram'), stats.appliedHistogram.map((b) => ({ value: b.count,
    title: (b.le === null ? '> 1000' : '<= ' + b.le) + ' ms: ' + b.count, attrs: { 'data-le': b.le === null ? 'inf' : b.le } })),
    'applied reports per bucket,');
  $('recent').replaceChildren(...stats.recentUpdates.slice().reverse().map((u) => row([new Date(u.time).toLocaleTimeString(),
    u.doc, u.version, u.kind, u.bytes, u.clients, u.acks, ms(u.medianMs)])));
}
function connect() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const socket = new WebSocket(scheme + location.host + config.ws + '?token=' + encodeURIComponent(config.token) + '&${DASHBOARD_QUERY}=1');
  socket.onopen = () => { $('state').textContent = 'live'; };
  socket.onmessage = (event) => {
    let message;
    try { message = JSON.parse(event.data); } catch { return; }
    if (message.type === 'stats') render(message.stats);
  };
  socket.onclose = () => { $('state').textContent = 'disconnected, retrying'; setTimeout(connect, 2000); };
}
connect();
`;

const table = (id: string, heads: string[]): string =>
  `<table><thead><tr>${heads.map((head) => `<th>${head}</th>`).join('')}</tr></thead><tbody id="${id}"></tbody></table>`;

/** The dashboard page for a server with `token`. */
export function dashboardHtml(token: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>sop-preview dashboard</title><link rel="icon" href="data:,"><style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-top:.5rem}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}#state{font-weight:bold}
h2{font-size:1rem;margin:1.5rem 0 .3rem}svg{border:1px solid #ddd;background:#fafafa;max-width:100%}
</style></head><body><h1>sop-preview <small>${DASHBOARD_PATH}</small></h1><p>connection: <span id="state">connecting</span></p>
<p id="summary"></p><p id="latency"></p>
<h2>Clients</h2>${table('clients', ['id', 'document', 'connected', 'applied version', 'latency ms', 'state'])}
<h2>Documents</h2>${table('docs', ['document', 'version', 'bytes', 'updates', 'clients', 'state', 'errors', 'p50 ms', 'p90 ms', 'p99 ms', 'last frame', 'bytes sent'])}
<h2>Applied latency</h2><svg id="chart" viewBox="0 0 500 120" width="500" height="120" role="img" aria-label="median applied latency of recent updates"></svg>
<svg id="histogram" viewBox="0 0 500 120" width="500" height="120" role="img" aria-label="applied latency histogram"></svg>
<h2>Recent updates</h2>${table('recent', ['time', 'document', 'version', 'kind', 'bytes', 'clients', 'acks', 'median ms'])}
<script>window.__SOP_DASHBOARD__=${scriptSafeJson({ token, ws: WS_PATH })};${SCRIPT}</script></body></html>`;
}
