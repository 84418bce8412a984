/**
 * Soak: 10,000 updates to a document with 20 WebSocket clients (separate process). Reports memory
 * growth after GC, event-loop delay during the run and handles left behind after `stop()`.
 * Run: `node --import tsx --expose-gc bench/soak.bench.ts` (without `--expose-gc` the memory
 * figures include garbage and say so).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { caseFromError } from './lib/failure.js';
import { htmlFixture } from './lib/fixtures.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { loadLivePreviewServer, updatedVersion } from './lib/sop-preview-library.js';
import { startSwarm, swarmTarget } from './lib/swarm-handle.js';

const UPDATES = Number(process.env.BENCH_SOAK_UPDATES ?? 10_000);
const CLIENTS = 20;
const DOCUMENT_BYTES = 20_000;
/** Updates before the baseline, so caches, JIT and socket buffers have reached their working size. */
const WARMUP = 500;
/** Every this many updates, wait until every client caught up, as a real (slower) editor would allow. */
const SYNC_EVERY = 100;
const TOOL = 'sop-preview (library)';
const NAME = `${UPDATES.toLocaleString('en')} updates, ${CLIENTS} clients, 20 KB`;

/** Sampling interval of the event-loop monitor; its samples include this interval, so it is subtracted. */
const LOOP_RESOLUTION_MS = 10;
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 ** 2;
const round = (value: number): number => Math.round(value * 100) / 100;

/** Event-loop delay in ms beyond the sampling interval, from a histogram value in ns. */
const loopDelay = (ns: number): number => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));

function settledMemory(): NodeJS.MemoryUsage {
  gc?.();
  gc?.();
  return process.memoryUsage();
}

/** Counts of each kind of active resource, e.g. `{TCPServerWrap: 1}`. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function leaked(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([kind, count]) => count > (before.get(kind) ?? 0))
    .map(([kind, count]) => `${kind}+${count - (before.get(kind) ?? 0)}`);
}

async function soak(): Promise<BenchCase> {
  const loaded = await loadLivePreviewServer();
  if (!loaded.ok) return { name: NAME, tool: TOOL, status: 'unavailable', note: loaded.reason, metrics: {} };
  const resourcesBefore = resources();
  const server = loaded.create({ port: 0, host: '127.0.0.1' });
  server.updateContent(htmlFixture({ bytes: DOCUMENT_BYTES, edit: 0 }));
  await server.start();
  const swarm = await startSwarm(swarmTarget(server.url, server.token, 'index', CLIENTS));
  const delay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  let base: NodeJS.MemoryUsage | undefined;
  let started = 0;
  let version = 0;
  try {
    for (let i = 1; i <= WARMUP + UPDATES; i += 1) {
      version = await updatedVersion(server.updateContent(htmlFixture({ bytes: DOCUMENT_BYTES, edit: i })));
      if (i % SYNC_EVERY === 0) await swarm.reached(version);
      else await nextTurn();
      if (i === WARMUP) {
        base = settledMemory();
        delay.enable();
        started = performance.now();
      }
    }
    await swarm.reached(version);
  } finally {
    delay.disable();
    await swarm.close();
  }
  const elapsed = performance.now() - started;
  const end = settledMemory();
  await server.stop();
  // Closed sockets release their handles on the next turns of the loop.
  for (let i = 0; i < 10; i += 1) await nextTurn();
  const left = leaked(resourcesBefore, resources());
  const start = base ?? end;
  return {
    name: NAME,
    tool: TOOL,
    status: 'ok',
    ...(gc ? {} : { note: 'run without --expose-gc: memory figures include uncollected garbage' }),
    metrics: {
      updates: UPDATES,
      updatesPerSecond: Math.round(UPDATES / (elapsed / 1000)),
      // RSS can shrink when the allocator returns pages while the heap still grows; judge the larger.
      memoryGrowthMB: round(Math.max(end.rss - start.rss, end.heapUsed - start.heapUsed) / MB),
      rssGrowthMB: round((end.rss - start.rss) / MB),
      heapGrowthMB: round((end.heapUsed - start.heapUsed) / MB),
      rssEndMB: round(end.rss / MB),
      loopDelayMeanMs: loopDelay(delay.mean),
      loopDelayP99Ms: loopDelay(delay.percentile(99)),
      loopDelayMaxMs: loopDelay(delay.max),
      leakedHandles: left.length === 0 ? 'none' : left.join(' '),
    },
  };
}

let result: BenchCase;
try {
  result = await soak();
} catch (error) {
  result = caseFromError(NAME, TOOL, error);
}
printResults(
  await writeResults(
    'soak',
    `${UPDATES.toLocaleString('en')} one-paragraph updates of a 20 KB document to ${CLIENTS} clients after ${WARMUP} warm-up; memory after GC, event-loop delay, handles left after stop().`,
    [result],
  ),
);
