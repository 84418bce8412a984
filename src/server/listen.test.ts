import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Server } from 'node:net';
import { describe, it } from 'node:test';
import { listenWithSearch } from './listen.js';

/**
 * A stand-in for `net.Server` that fails with chosen OS codes: EACCES cannot be provoked for real
 * when tests run with privileges, and nothing else about binding is simulated here.
 */
function failingServer(codes: Record<number, string>): { server: Server; tried: number[] } {
  const tried: number[] = [];
  const emitter = new EventEmitter();
  const server = Object.assign(emitter, {
    listen({ port }: { port: number }) {
      tried.push(port);
      const code = codes[port];
      queueMicrotask(() => {
        if (code) emitter.emit('error', Object.assign(new Error(code), { code }));
        else emitter.emit('listening');
      });
      return server;
    },
  }) as unknown as Server;
  return { server, tried };
}

describe('listenWithSearch', () => {
  it('reports EACCES at once as PREVIEW_ERR_PERMISSION', async () => {
    const { server, tried } = failingServer({ 80: 'EACCES' });
    await assert.rejects(listenWithSearch(server, 80, '127.0.0.1', false), { code: 'PREVIEW_ERR_PERMISSION' });
    assert.deepEqual(tried, [80]);
  });

  it('moves on only for EADDRINUSE and rethrows other errors', async () => {
    const busy = failingServer({ 3000: 'EADDRINUSE', 3001: 'EADDRINUSE' });
    await listenWithSearch(busy.server, 3000, '127.0.0.1', false);
    assert.deepEqual(busy.tried, [3000, 3001, 3002]);
    const odd = failingServer({ 4000: 'EADDRNOTAVAIL' });
    await assert.rejects(listenWithSearch(odd.server, 4000, '127.0.0.1', false), { code: 'EADDRNOTAVAIL' });
    assert.deepEqual(odd.tried, [4000]);
  });

  it('tries 101 ports and names the range when all are taken', async () => {
    const all = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [5000 + i, 'EADDRINUSE']));
    const { server, tried } = failingServer(all);
    await assert.rejects(listenWithSearch(server, 5000, '127.0.0.1', false), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'PREVIEW_ERR_NO_FREE_PORT');
      assert.match(error.message, /5000 and 5100/);
      return true;
    });
    assert.equal(tried.length, 101);
  });
});
