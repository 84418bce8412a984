import assert from 'node:assert/strict';
import { Agent, get } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PreviewError } from '../../src/shared/error-codes.js';
import { poll } from '../helpers/poll.js';
import { within } from './server-helpers.js';

function occupy(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const blocker = createServer();
    blocker.once('error', reject);
    blocker.listen(port, '127.0.0.1', () => resolve(blocker));
  });
}

const portOf = (server: Server): number => {
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return address.port;
};

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

async function freeRun(length: number): Promise<Server> {
  // A port whose next neighbour is free too, so the search test is not flaky.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const blocker = await occupy();
    const port = portOf(blocker);
    if (port + length > 65535) {
      await close(blocker);
      continue;
    }
    try {
      const probes = await Promise.all(Array.from({ length }, (_, i) => occupy(port + 1 + i)));
      await Promise.all(probes.map(close));
      return blocker;
    } catch {
      await close(blocker);
    }
  }
  throw new Error('no free port run found');
}

describe('port handling', () => {
  it('moves to the next port when the requested one is taken', async () => {
    const blocker = await freeRun(1);
    const taken = portOf(blocker);
    const server = new LivePreviewServer({ port: taken });
    try {
      await server.start();
      assert.equal(server.port, taken + 1);
      assert.equal(server.url, `http://127.0.0.1:${taken + 1}/`);
      const response = await fetch(server.url);
      assert.equal(response.status, 200);
    } finally {
      await server.stop();
      await close(blocker);
    }
  });

  it('rejects with PREVIEW_ERR_PORT_IN_USE under strictPort', async () => {
    const blocker = await occupy();
    const server = new LivePreviewServer({ port: portOf(blocker), strictPort: true });
    try {
      await assert.rejects(server.start(), (error: unknown) => {
        assert.ok(error instanceof PreviewError);
        assert.equal(error.code, 'PREVIEW_ERR_PORT_IN_USE');
        return true;
      });
    } finally {
      await server.stop();
      await close(blocker);
    }
  });

  it('rejects with PREVIEW_ERR_NO_FREE_PORT naming the range when every port is taken', async () => {
    let blocker: Server;
    try {
      blocker = await occupy(65535);
    } catch {
      // Someone else holds 65535: the range is exhausted either way.
      blocker = createServer();
    }
    const server = new LivePreviewServer({ port: 65535 });
    try {
      await assert.rejects(server.start(), (error: unknown) => {
        assert.ok(error instanceof PreviewError);
        assert.equal(error.code, 'PREVIEW_ERR_NO_FREE_PORT');
        assert.match(error.message, /65535/);
        return true;
      });
    } finally {
      await server.stop();
      if (blocker.listening) await close(blocker);
    }
  });

  it('stops and starts 20 times on the same fixed port without leaking handles', async () => {
    const probe = await occupy();
    const port = portOf(probe);
    await close(probe);
    const server = new LivePreviewServer({ port, strictPort: true, heartbeatMs: 60_000 });
    const resources = (): string => process.getActiveResourcesInfo().sort().join(',');
    // Let handles of the earlier tests finish closing before taking the baseline.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = resources();
    try {
      for (let round = 0; round < 20; round += 1) {
        await server.start();
        assert.equal(server.port, port);
        // A keep-alive connection stays open after the response; stop() must still free the port.
        const agent = new Agent({ keepAlive: true });
        const status = await new Promise<number | undefined>((resolve, reject) => {
          get(server.url, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode));
          }).on('error', reject);
        });
        assert.equal(status, 200);
        await server.stop();
        await server.stop();
        agent.destroy();
      }
    } finally {
      await server.stop();
    }
    // Closed sockets release their handles on a later tick: poll, then compare exactly.
    await poll(() => resources() === before, { timeout: 2000, message: 'handles back to the baseline' }).catch(
      () => undefined,
    );
    assert.equal(resources(), before);
  });

  it('stop() does not wait for a request that is still sending its body', async () => {
    const log: string[] = [];
    const server = new LivePreviewServer({ port: 0, push: true, debug: (line) => log.push(line) });
    await server.start();
    const socket = connect(server.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(
      `PUT /__preview/content HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.token}\r\n` +
        'Content-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>',
    );
    await poll(() => log.includes('http PUT /__preview/content'), { message: 'the request to reach the handler' });
    const started = Date.now();
    await within(server.stop(), 'stop() with a request in flight', 3000);
    await within(closed, 'the in-flight connection to close', 3000);
    assert.ok(Date.now() - started < 3000);
  });

  it('refuses start() while running with PREVIEW_ERR_STATE', async () => {
    const server = new LivePreviewServer({ port: 0 });
    await server.start();
    try {
      await assert.rejects(server.start(), { code: 'PREVIEW_ERR_STATE' });
    } finally {
      await server.stop();
    }
  });
});
