/**
 * Cross-site WebSocket hijacking (the CVE-2018-14732 class): a page on another origin, a
 * sandboxed or `file://` page, or a LAN client without the token must be refused before the
 * handshake completes, never counted as a client and never sent a frame.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { rawGet, statusOf } from '../helpers/raw-request.js';
import { probeUpgrade, wsTarget } from './hostile-helpers.js';

const TOKEN = 'hijack-test-token-0123456789abcdef';

/** Starts a server and records every accepted client, so a refused attempt can be proven unseen. */
async function startWatched(options: ConstructorParameters<typeof LivePreviewServer>[0]) {
  const server = new LivePreviewServer({ port: 0, token: TOKEN, ...options });
  const connected: number[] = [];
  server.on('client-connected', ({ id }) => connected.push(id));
  await server.start();
  return { server, connected };
}

describe('cross-site WebSocket hijacking', () => {
  let server: LivePreviewServer;
  let connected: number[];

  before(async () => {
    ({ server, connected } = await startWatched({}));
    server.updateContent('<html><body><p data-block="p">secret procedure</p></body></html>');
  });
  after(() => server.stop());

  it('accepts the right Origin and token (the control case)', async () => {
    const probe = await probeUpgrade(server.port, wsTarget(TOKEN));
    assert.equal(probe.status, 101, probe.raw);
    assert.ok(probe.afterHead > 0, 'the hello frame follows the handshake');
  });

  const origins: [string, (port: number) => string | null][] = [
    ['a foreign site', () => 'http://evil.example'],
    ['a foreign site on our port', (port) => `http://evil.example:${port}`],
    ['Origin: null (sandboxed iframe, data: URL)', () => 'null'],
    ['a file:// page', () => 'file://'],
    ['an IP literal of another host', (port) => `http://192.168.1.23:${port}`],
    ['another loopback name for the same server', (port) => `http://localhost:${port}`],
    ['https instead of http', (port) => `https://127.0.0.1:${port}`],
    ['our origin with a path', (port) => `http://127.0.0.1:${port}/`],
    ['no Origin header at all', () => null],
  ];
  for (const [what, origin] of origins) {
    it(`refuses ${what} before the upgrade, with no frame and no client`, async () => {
      const refusedBefore = server.stats().refusedUpgrades;
      const connectedBefore = connected.length;
      const probe = await probeUpgrade(server.port, wsTarget(TOKEN), { origin: origin(server.port) });
      assert.equal(probe.status, 403, probe.raw);
      assert.equal(probe.afterHead, 0, 'no WebSocket frame after a refusal');
      assert.doesNotMatch(probe.raw, /secret procedure|sec-websocket-accept/i);
      assert.equal(server.stats().refusedUpgrades, refusedBefore + 1);
      assert.equal(connected.length, connectedBefore);
      assert.equal(server.stats().clients.total, 0);
    });
  }

  const tokens: [string, string | null][] = [
    ['a missing token', null],
    ['an empty token', ''],
    ['a wrong token of the right length', `${TOKEN.slice(0, -1)}X`],
    ['a token one character short', TOKEN.slice(0, -1)],
    ['a token with one extra character', `${TOKEN}0`],
    ['the token in another case', TOKEN.toUpperCase()],
  ];
  for (const [what, token] of tokens) {
    it(`refuses ${what} before the upgrade, with no frame and no client`, async () => {
      const refusedBefore = server.stats().refusedUpgrades;
      const probe = await probeUpgrade(server.port, wsTarget(token));
      assert.equal(probe.status, 403, probe.raw);
      assert.equal(probe.afterHead, 0);
      assert.equal(server.stats().refusedUpgrades, refusedBefore + 1);
      assert.equal(server.stats().clients.total, 0);
    });
  }

  it('refuses a token that arrives twice with the wrong one first', async () => {
    const probe = await probeUpgrade(server.port, `${wsTarget('wrong-token-000000000000000000000')}&token=${TOKEN}`);
    assert.equal(probe.status, 403, probe.raw);
    assert.equal(probe.afterHead, 0);
  });

  it('never counted any refused attempt as a client', () => {
    // Only the control case in the first test was accepted.
    assert.equal(connected.length, 1);
  });
});

describe('cross-site WebSocket hijacking in LAN mode (loopback alias)', () => {
  let server: LivePreviewServer;
  let connected: number[];

  before(async () => {
    ({ server, connected } = await startWatched({ host: '127.0.0.2', requireToken: true }));
  });
  after(() => server.stop());

  it('refuses a handshake without Origin even with the token (a non-browser client on the LAN)', async () => {
    const host = `127.0.0.2:${server.port}`;
    const probe = await probeUpgradeOn(server.port, '127.0.0.2', wsTarget(TOKEN), { host, origin: null });
    assert.equal(probe.status, 403, probe.raw);
    assert.equal(probe.afterHead, 0);
    assert.deepEqual(connected, []);
  });

  it('refuses a LAN page without the token, and the plain HTTP page too', async () => {
    const host = `127.0.0.2:${server.port}`;
    const probe = await probeUpgradeOn(server.port, '127.0.0.2', wsTarget(null), { host, origin: `http://${host}` });
    assert.equal(probe.status, 403, probe.raw);
    assert.equal(probe.afterHead, 0);
    assert.equal(statusOf(await rawGetOn(server.port, '127.0.0.2', '/', host)), 401);
    assert.deepEqual(connected, []);
  });

  it('accepts our own origin with the token (the control case)', async () => {
    const host = `127.0.0.2:${server.port}`;
    const probe = await probeUpgradeOn(server.port, '127.0.0.2', wsTarget(TOKEN), { host, origin: `http://${host}` });
    assert.equal(probe.status, 101, probe.raw);
    assert.equal(connected.length, 1);
  });
});

/** {@link probeUpgrade} against another local address. */
function probeUpgradeOn(port: number, address: string, target: string, headers: Parameters<typeof probeUpgrade>[2]) {
  return probeUpgrade(port, target, headers, 150, address);
}

/** {@link rawGet} against another local address. */
function rawGetOn(port: number, address: string, target: string, host: string) {
  return rawGet(port, target, host, address);
}
