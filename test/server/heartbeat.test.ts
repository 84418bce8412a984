import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { poll } from '../helpers/poll.js';
import { connectClient, within } from './server-helpers.js';

describe('heartbeat and shutdown', () => {
  it('terminates a client that stops answering pings and keeps one that answers', async () => {
    const server = new LivePreviewServer({ port: 0, heartbeatMs: 50 });
    await server.start();
    try {
      const alive = await connectClient(server);
      const silent = await connectClient(server, { autoPong: false });
      let pings = 0;
      alive.socket.on('ping', () => {
        pings += 1;
      });
      const code = await within(silent.closed, 'the silent client to be terminated');
      // Terminated, not closed politely: the peer sees an abnormal closure.
      assert.equal(code, 1006);
      await poll(() => pings >= 4, { message: 'four pings to the live client' });
      assert.equal(alive.socket.readyState, alive.socket.OPEN);
      assert.equal(server.stats().clients.total, 1);
    } finally {
      await server.stop();
    }
  });

  it('terminates a dashboard that stops answering pings and keeps one that answers', async () => {
    const server = new LivePreviewServer({ port: 0, heartbeatMs: 50 });
    await server.start();
    try {
      const alive = await connectClient(server, { query: 'dashboard=1' });
      const silent = await connectClient(server, { query: 'dashboard=1', autoPong: false });
      let pings = 0;
      alive.socket.on('ping', () => {
        pings += 1;
      });
      assert.equal(await within(silent.closed, 'the silent dashboard to be terminated'), 1006);
      await poll(() => pings >= 4, { message: 'four pings to the live dashboard' });
      assert.equal(alive.socket.readyState, alive.socket.OPEN);
    } finally {
      await server.stop();
    }
  });

  it('closes every client with 1001 on stop() and reports the disconnects', async () => {
    const server = new LivePreviewServer({ port: 0 });
    await server.start();
    const codes: number[] = [];
    server.on('client-disconnected', ({ code }) => codes.push(code));
    const clients = await Promise.all([connectClient(server), connectClient(server, { doc: 'other' })]);
    await poll(() => server.stats().clients.total === 2, { message: 'two clients' });
    await server.stop();
    assert.deepEqual(await within(Promise.all(clients.map((client) => client.closed)), 'closes'), [1001, 1001]);
    assert.deepEqual(codes, [1001, 1001]);
    assert.equal(server.stats().clients.total, 0);
  });
});
