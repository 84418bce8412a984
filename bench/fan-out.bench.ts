/**
 * Fan-out: time from `updateContent` to the last WebSocket client holding the new version, for
 * 20 and 1,000 clients (in a separate process) on a 100 KB document with a one-paragraph edit,
 * and the server's RSS. Run: `npx tsx bench/fan-out.bench.ts`.
 */
import { caseFromError } from './lib/failure.js';
import { htmlFixture } from './lib/fixtures.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { type BenchServer, loadLivePreviewServer, updatedVersion } from './lib/sop-preview-library.js';
import { summarize } from './lib/stats.js';
import { startSwarm, swarmTarget } from './lib/swarm-handle.js';
import { wallClockMs } from './lib/wall-clock.js';

const UPDATES = Number(process.env.BENCH_FANOUT_UPDATES ?? 20);
/** The first updates run unoptimised code (diff, serialisation); a user's session is past them. */
const WARMUP = 5;
const DOCUMENT_BYTES = 100_000;
const TOOL = 'sop-preview (library)';
const rssMB = (): number => Math.round((process.memoryUsage().rss / 1024 ** 2) * 10) / 10;

async function fanOut(server: BenchServer, clients: number, firstEdit: number): Promise<BenchCase> {
  const name = `${clients.toLocaleString('en')} clients, 100 KB, one-paragraph edit`;
  const rssBefore = rssMB();
  const swarm = await startSwarm(swarmTarget(server.url, server.token, 'index', clients));
  try {
    const rssConnected = rssMB();
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + UPDATES; i += 1) {
      const html = htmlFixture({ bytes: DOCUMENT_BYTES, edit: firstEdit + i });
      const start = wallClockMs();
      const version = await updatedVersion(server.updateContent(html));
      const at = await swarm.reached(version);
      if (i >= WARMUP) samples.push(at - start);
    }
    const summary = summarize(samples);
    return {
      name,
      tool: TOOL,
      status: 'ok',
      metrics: {
        updates: summary.n,
        medianMs: summary.median,
        p90Ms: summary.p90,
        maxMs: summary.max,
        rssBeforeMB: rssBefore,
        rssConnectedMB: rssConnected,
        rssAfterMB: rssMB(),
      },
      samples: samples.map((value) => Math.round(value * 100) / 100),
    };
  } finally {
    await swarm.close();
  }
}

const cases: BenchCase[] = [];
const loaded = await loadLivePreviewServer();
if (!loaded.ok) {
  for (const clients of [20, 1000]) {
    cases.push({ name: `${clients} clients`, tool: TOOL, status: 'unavailable', note: loaded.reason, metrics: {} });
  }
} else {
  const server = loaded.create({ port: 0, host: '127.0.0.1' });
  try {
    server.updateContent(htmlFixture({ bytes: DOCUMENT_BYTES, edit: 0 }));
    await server.start();
    let edit = 1;
    for (const clients of [20, 1000]) {
      try {
        cases.push(await fanOut(server, clients, edit));
      } catch (error) {
        cases.push(caseFromError(`${clients.toLocaleString('en')} clients`, TOOL, error));
      }
      edit += WARMUP + UPDATES;
      console.log(JSON.stringify(cases.at(-1)?.metrics));
    }
  } finally {
    await server.stop();
  }
}
printResults(
  await writeResults(
    'fan-out',
    `updateContent → last WebSocket client (separate process) holds the new version; ${UPDATES} one-paragraph edits of a 100 KB document after ${WARMUP} warm-up; server RSS.`,
    cases,
  ),
);
