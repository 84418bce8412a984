/**
 * Child process of the idle benchmark: a preview server alone in its process, so its CPU time is
 * not mixed with the benchmark's own (browser driver, timers). Answers `cpu` requests over IPC
 * with `process.cpuUsage()` and stops on `stop`.
 */
import { htmlFixture } from './fixtures.js';
import { loadLivePreviewServer } from './sop-preview-library.js';

/** Messages the idle server sends its parent. */
export type IdleServerReport =
  | { type: 'ready'; url: string }
  | { type: 'cpu'; usage: NodeJS.CpuUsage }
  | { type: 'failed'; message: string };

/** Messages the parent sends. */
export type IdleServerCommand = { type: 'cpu' } | { type: 'stop' };

const send = (message: IdleServerReport): void => {
  process.send?.(message);
};

const loaded = await loadLivePreviewServer();
if (!loaded.ok) {
  send({ type: 'failed', message: loaded.reason });
  process.disconnect?.();
} else {
  const server = loaded.create({ port: 0, host: '127.0.0.1' });
  server.updateContent(htmlFixture({ bytes: 100_000, edit: 0 }));
  await server.start();
  process.on('message', async (command: IdleServerCommand) => {
    if (command.type === 'cpu') send({ type: 'cpu', usage: process.cpuUsage() });
    else {
      await server.stop();
      process.disconnect?.();
    }
  });
  send({ type: 'ready', url: server.url });
}
