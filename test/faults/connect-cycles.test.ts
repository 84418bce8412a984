/**
 * 1,000 connect/disconnect cycles (a flapping network, a reviewer's phone locking and waking):
 * afterwards no client is left in the hub, no handle is left open and memory is back to where it
 * was, so a preview left running for days does not leak.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { WS_PATH } from '../../src/shared/protocol.js';
import { poll } from '../helpers/poll.js';

const TOKEN = 'cycles-test-token-0123456789abcdef';
const CYCLES = 1000;
const PARALLEL = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Connects, waits for hello, then closes (cleanly or by cutting the TCP connection). */
function cycle(port: number, abrupt: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}?token=${TOKEN}&doc=index`, {
      origin: `http://127.0.0.1:${port}`,
    });
    socket.once('message', () => (abrupt ? socket.terminate() : socket.close()));
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
}

/** Open handles and requests of this process, by type (sockets, timers, …). */
const resources = (): number => process.getActiveResourcesInfo().filter((type) => type !== 'TTYWrap').length;

describe('1,000 connect/disconnect cycles', () => {
  let server: LivePreviewServer;
  let disconnects = 0;

  before(async () => {
    server = new LivePreviewServer({ port: 0, token: TOKEN });
    server.on('client-disconnected', () => {
      disconnects += 1;
    });
    server.updateContent('<html><body><p data-block="p">cycles</p></body></html>');
    await server.start();
  });
  after(() => server.stop());

  it('leaves no client, no handle and no memory behind', async () => {
    // Warm up: the first connections allocate lazily created state that is not a leak.
    for (let i = 0; i < PARALLEL; i += 1) await cycle(server.port, false);
    await poll(() => server.stats().clients.total === 0, { message: 'warm-up clients gone' });
    gc();
    const handlesBefore = resources();
    const memoryBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    for (let done = 0; done < CYCLES; done += PARALLEL) {
      await Promise.all(Array.from({ length: PARALLEL }, (_, i) => cycle(server.port, (done + i) % 2 === 1)));
    }
    await poll(() => server.stats().clients.total === 0, { timeout: 5000, message: 'every client gone from the hub' });
    await poll(() => disconnects >= CYCLES + PARALLEL, { timeout: 5000, message: 'every disconnect reported' });
    await poll(() => resources() <= handlesBefore, { timeout: 5000, message: `handles back to ${handlesBefore}` });
    gc();
    const growth = process.memoryUsage().heapUsed - memoryBefore;
    assert.ok(growth < 4 * 1024 * 1024, `heap grew by ${(growth / 1e6).toFixed(2)} MB over ${CYCLES} cycles`);
    assert.deepEqual(server.stats().clients.byDoc, {});
    assert.ok(Date.now() - started < 20_000);
    // Still serving after the churn.
    const { version } = server.updateContent('<html><body><p data-block="p">after</p></body></html>');
    assert.ok(version > 0);
    assert.equal((await fetch(server.url)).status, 200);
  });
});
