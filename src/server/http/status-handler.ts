/** `GET /__preview/status`: health and metrics as JSON, for dashboards and scripts. */
import type { ServerResponse } from 'node:http';
import type { ServerStats } from '../../shared/server-stats.js';
import { sendJson } from './reply.js';

/** Answers a status request. */
export function handleStatus(res: ServerResponse, stats: ServerStats): void {
  sendJson(res, 200, stats);
}
