/**
 * `GET /__preview/dashboard`: a self-contained page that shows the server's health live. It gets
 * `stats` messages over the WebSocket (no polling) and renders them with plain DOM calls.
 */
import { DASHBOARD_PATH, WS_PATH } from '../shared/protocol.js';
import { scriptSafeJson } from './inject-client.js';

/** How often dashboards receive a `stats` message, in ms. */
export const DASHBOARD_INTERVAL_MS = 1000;

/** Query parameter that marks a WebSocket as a dashboard connection. */
export const DASHBOARD_QUERY = 'dashboard';

// Text is set with textContent only, so document names cannot inject markup into the page.
const SCRIPT = `
const config = window.__SOP_DASHBOARD__;
const $ = (id) => document.getElementById(id);
const cell = (row, text) => { const td = document.createElement('td'); td.textContent = String(text); row.append(td); };
function render(stats) {
  $('summary').textContent = 'clients ' + stats.clients.total + ' (stale ' + stats.clients.stale + ') · messages in ' +
    stats.messages.in + ' / out ' + stats.messages.out + ' / ignored ' + stats.messages.ignored + ' · refused upgrades ' +
    stats.refusedUpgrades + ' · reconnects ' + stats.reconnects + ' · uptime ' + Math.round(stats.uptimeMs / 1000) + ' s';
  const l = stats.appliedLatency;
  $('latency').textContent = 'applied latency (ms): n=' + l.count + ' p50 ' + l.p50.toFixed(1) + ' p90 ' + l.p90.toFixed(1) +
    ' p99 ' + l.p99.toFixed(1) + ' max ' + l.max.toFixed(1) + ' · patches ' + stats.updates.patch + ', updates ' +
    stats.updates.update + ', reloads ' + stats.updates.reload;
  const body = $('docs');
  body.replaceChildren();
  for (const [name, doc] of Object.entries(stats.documents)) {
    const row = document.createElement('tr');
    for (const value of [name, doc.version, doc.bytes, doc.updates, doc.clients, doc.hasError ? 'error' : 'ok']) cell(row, value);
    body.append(row);
  }
}
function connect() {
  const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  const socket = new WebSocket(scheme + location.host + config.ws + '?token=' + encodeURIComponent(config.token) + '&${DASHBOARD_QUERY}=1');
  socket.onopen = () => { $('state').textContent = 'live'; };
  socket.onmessage = (event) => {
    try { const message = JSON.parse(event.data); if (message.type === 'stats') render(message.stats); } catch {}
  };
  socket.onclose = () => { $('state').textContent = 'disconnected, retrying'; setTimeout(connect, 2000); };
}
connect();
`;

/** The dashboard page for a server with `token`. */
export function dashboardHtml(token: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>sop-preview dashboard</title><link rel="icon" href="data:,"><style>
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse;margin-top:1rem}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}#state{font-weight:bold}
</style></head><body><h1>sop-preview <small>${DASHBOARD_PATH}</small></h1><p>connection: <span id="state">connecting</span></p>
<p id="summary"></p><p id="latency"></p>
<table><thead><tr><th>document</th><th>version</th><th>bytes</th><th>updates</th><th>clients</th><th>state</th></tr></thead>
<tbody id="docs"></tbody></table>
<script>window.__SOP_DASHBOARD__=${scriptSafeJson({ token, ws: WS_PATH })};${SCRIPT}</script></body></html>`;
}
