/**
 * Idle cost: CPU used by the preview server and by an open preview page over 60 s without
 * changes. Anything above ~0 means someone is polling. Run: `npx tsx bench/idle.bench.ts`
 * (BENCH_IDLE_MS shortens the window).
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/helpers/browser.js';
import { caseFromError } from './lib/failure.js';
import type { IdleServerCommand, IdleServerReport } from './lib/idle-server.js';
import { openPreviewPage } from './lib/preview-page.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';

const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 60_000);
const TOOL = 'sop-preview (library)';
const NAME = `idle ${IDLE_MS / 1000} s, one page open, 100 KB`;

/** Total main-thread task time of a page, in ms, from CDP's `Performance.getMetrics`. */
async function taskMs(
  send: (method: 'Performance.getMetrics') => Promise<{ metrics: { name: string; value: number }[] }>,
) {
  const { metrics } = await send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

/** Starts the server child and returns its URL and a CPU probe. */
async function startIdleServer(): Promise<{ url: string; cpuMs(): Promise<number>; stop(): Promise<void> }> {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'lib', 'idle-server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: IdleServerReport['type']) =>
    new Promise<IdleServerReport>((resolve, reject) => {
      const onMessage = (message: IdleServerReport) => {
        if (message.type !== type && message.type !== 'failed') return;
        child.off('message', onMessage);
        if (message.type === 'failed') reject(new Error(message.message));
        else resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`idle server exited with ${code}`)));
    });
  const ready = await next('ready');
  return {
    url: ready.type === 'ready' ? ready.url : '',
    async cpuMs() {
      const answer = next('cpu');
      child.send({ type: 'cpu' } satisfies IdleServerCommand);
      const report = await answer;
      return report.type === 'cpu' ? (report.usage.user + report.usage.system) / 1000 : Number.NaN;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies IdleServerCommand);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function idle(): Promise<BenchCase> {
  const server = await startIdleServer();
  const browser = await launchChromium();
  try {
    const preview = await openPreviewPage(browser, server.url);
    await preview.waitReady();
    await preview.cdp.send('Performance.enable');
    // Startup leaves a one-off tail (first layout and paint, the badge fading, the server's first
    // GC of startup garbage, ~0.1 s of CPU); the window measures the steady state after it.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const send = (method: 'Performance.getMetrics') => preview.cdp.send(method);
    const pageBefore = await taskMs(send);
    const serverBefore = await server.cpuMs();
    preview.resetBytes();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const serverMs = (await server.cpuMs()) - serverBefore;
    const pageMs = (await taskMs(send)) - pageBefore;
    const bytes = preview.bytes();
    return {
      name: NAME,
      tool: TOOL,
      status: 'ok',
      metrics: {
        windowS: IDLE_MS / 1000,
        serverCpuMs: Math.round(serverMs),
        serverCpuPercent: Math.round((serverMs / IDLE_MS) * 10_000) / 100,
        pageTaskMs: Math.round(pageMs),
        pageCpuPercent: Math.round((pageMs / IDLE_MS) * 10_000) / 100,
        bytesReceived: bytes.websocket + bytes.http,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

let result: BenchCase;
try {
  result = await idle();
} catch (error) {
  result = caseFromError(NAME, TOOL, error);
}
printResults(
  await writeResults(
    'idle',
    `CPU of the server, alone in a child process (process.cpuUsage), and of an open preview page (CDP TaskDuration) over ${IDLE_MS / 1000} s with no changes.`,
    [result],
  ),
);
