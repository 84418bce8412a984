/**
 * `GET /__preview/dashboard`: the page that shows the server's health live: a clients table, a
 * documents table, a latency chart, a latency histogram and the recent updates. Its script is the
 * typed browser entry `src/dashboard/main.ts`, bundled and served at `DASHBOARD_SCRIPT_PATH`; the
 * page only carries the markup and the connection settings.
 */
import {
  DASHBOARD_CONFIG_ID,
  DASHBOARD_PATH,
  DASHBOARD_SCRIPT_PATH,
  type DashboardConfig,
  WS_PATH,
} from '../../shared/protocol.js';
import { scriptSafeJson } from './inject-client.js';

/** How often dashboards receive a `stats` message, in ms. */
export const DASHBOARD_INTERVAL_MS = 1000;

/**
 * Minimum time between the extra `stats` messages pushed after a broadcast or an ack, in ms:
 * prompt enough to watch an edit land, cheap when many viewers acknowledge at once.
 */
export const DASHBOARD_THROTTLE_MS = 250;

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
<script type="application/json" id="${DASHBOARD_CONFIG_ID}">${scriptSafeJson({ token, ws: WS_PATH } satisfies DashboardConfig)}</script>
<script src="${DASHBOARD_SCRIPT_PATH}"></script></body></html>`;
}
