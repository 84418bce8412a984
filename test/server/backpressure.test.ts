import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { connectClient, withoutKeys } from './server-helpers.js';

// Each version changes the <html> start tag, so every change is a full 1 MB update.
const bigPage = (n: number): string =>
  `<html data-v="${n}"><body><h1>v${n}</h1><p>${'x'.repeat(1024 * 1024)}</p></body></html>`;

describe('backpressure', () => {
  const server = new LivePreviewServer({ port: 0, maxBufferedBytes: 256 * 1024 });
  before(() => server.start());
  after(() => server.stop());

  it('skips a client that does not read, never delays the others, and resyncs it with the latest version', async () => {
    const fast = await connectClient(server);
    const slow = await connectClient(server);
    await slow.waitFor((m) => m.type === 'hello', 'hello');
    slow.socket.pause();
    const versions: number[] = [];
    let sawStale = false;
    for (let n = 1; n <= 24; n += 1) {
      const { version } = server.updateContent(bigPage(n));
      versions.push(version);
      // A reading client gets each version while the other one's buffer stays full.
      await fast.waitFor((m) => m.type === 'update' && m.version === version, `version ${version} at the fast client`);
      if (server.stats().clients.stale > 0) sawStale = true;
    }
    assert.ok(sawStale, 'the paused client was never marked stale');
    const fastVersions = fast.messages().flatMap((m) => (m.type === 'update' ? [m.version] : []));
    assert.deepEqual(fastVersions, versions);
    slow.socket.resume();
    const latest = versions.at(-1);
    const resync = await slow.waitFor((m) => m.type === 'update' && m.version === latest, 'resync of the slow client');
    assert.ok(resync.type === 'update' && withoutKeys(resync.html) === bigPage(24));
    const slowVersions = slow.messages().flatMap((m) => (m.type === 'update' ? [m.version] : []));
    assert.ok(slowVersions.length < versions.length, `slow client got ${slowVersions.length} updates`);
    assert.equal(server.stats().clients.stale, 0);
    fast.socket.close();
    slow.socket.close();
    await Promise.all([fast.closed, slow.closed]);
  });

  it('serves the built browser client', async () => {
    const response = await fetch(new URL('__preview/client.js', server.url));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/javascript/);
    assert.ok((await response.text()).length > 100);
  });
});
