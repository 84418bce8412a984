/**
 * DNS rebinding: a hostile name that resolves to 127.0.0.1 still sends its own name in `Host`,
 * so every route (documents, client, status, dashboard, push, WebSocket) refuses a foreign Host.
 * Malformed `Host`/`Origin` headers get 400/403 and never take the process down.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { rawGet, rawRequest, statusOf } from '../helpers/raw-request.js';
import { probeUpgrade, wsTarget } from './hostile-helpers.js';

const TOKEN = 'rebind-test-token-0123456789abcdef';
const MARK = 'REBIND-DOC-MARKER';

describe('DNS rebinding', () => {
  let server: LivePreviewServer;
  let connected = 0;

  before(async () => {
    server = new LivePreviewServer({ port: 0, token: TOKEN, push: true });
    server.on('client-connected', () => {
      connected += 1;
    });
    server.updateContent(`<html><body><p data-block="p">${MARK}</p></body></html>`);
    await server.start();
  });
  after(() => server.stop());

  const foreignHosts = (port: number): string[] => [
    'evil.example',
    `evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `192.168.1.23:${port}`,
    `[fe80::1]:${port}`,
    `0.0.0.0:${port}`,
    `2130706433:${port}`,
  ];
  const routes = ['/', '/index', '/__preview/client.js', '/__preview/status', '/__preview/dashboard', '/missing.png'];

  it('answers 403 on every HTTP route for a foreign Host, and leaks nothing', async () => {
    for (const host of foreignHosts(server.port)) {
      for (const route of routes) {
        const response = await rawGet(server.port, route, host);
        assert.equal(statusOf(response), 403, `${host} ${route}`);
        assert.ok(!response.includes(TOKEN) && !response.includes(MARK), `${host} ${route} leaked`);
      }
    }
  });

  it('refuses a push under a foreign Host even with the token, and keeps the document', async () => {
    const before = server.stats().documents.index?.version;
    const body = '<p>pushed by a rebinding page</p>';
    const response = await rawRequest(
      server.port,
      `PUT /__preview/content HTTP/1.1\r\nHost: evil.example:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Type: text/html\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    assert.equal(statusOf(response), 403, response);
    assert.equal(server.stats().documents.index?.version, before);
  });

  it('refuses the WebSocket upgrade for a foreign Host with a matching Origin and the token', async () => {
    for (const host of foreignHosts(server.port)) {
      const probe = await probeUpgrade(server.port, wsTarget(TOKEN), { host, origin: `http://${host}` });
      assert.equal(probe.status, 403, `${host}: ${probe.raw}`);
      assert.equal(probe.afterHead, 0);
    }
    assert.equal(connected, 0);
  });

  it('answers 400 or 403 to malformed Host headers and stays up', async () => {
    const port = server.port;
    const hosts = [
      '',
      ' ',
      '[::1',
      '[::1]x',
      '[not-an-ip]:1',
      `127.0.0.1:${port}:${port}`,
      '127.0.0.1:99999',
      '127.0.0.1:-1',
      '127.0.0.1:',
      'local host',
      'localhost/evil',
      'localhost@evil.example',
      'localhost#',
      '%6c%6f%63%61%6c%68%6f%73%74',
      `${'a'.repeat(5000)}.localhost`,
      'xn--80ak6aa92e.com',
      'ëvil.localhost',
    ];
    for (const host of hosts) {
      const response = await rawGet(port, '/', host);
      const status = statusOf(response);
      assert.ok(status === 400 || status === 403, `Host ${JSON.stringify(host.slice(0, 40))} answered ${status}`);
      assert.ok(!response.includes(TOKEN), 'no token in a refusal');
    }
    const noHost = await rawRequest(port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(statusOf(noHost), 400);
    const twoHosts = await rawRequest(
      port,
      `GET / HTTP/1.1\r\nHost: evil.example\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    assert.ok([400, 403].includes(statusOf(twoHosts)), twoHosts.slice(0, 80));
    const http10 = await rawRequest(port, 'GET / HTTP/1.0\r\n\r\n');
    assert.ok([400, 403].includes(statusOf(http10.replace('HTTP/1.0', 'HTTP/1.1'))), http10.slice(0, 80));
    assert.equal(statusOf(await rawGet(port, '/')), 200, 'the server still serves after the garbage');
  });

  it('refuses malformed Origin headers on upgrade and stays up', async () => {
    const origins = [
      '',
      'http://',
      'http://127.0.0.1',
      `http://127.0.0.1:${server.port}\u0000`,
      `HTTP://127.0.0.1:${server.port}.evil.example`,
      '%%%',
      'x'.repeat(8000),
      `http://127.0.0.1:${server.port}, http://evil.example`,
    ];
    for (const origin of origins) {
      const probe = await probeUpgrade(server.port, wsTarget(TOKEN), { origin });
      assert.ok(
        [400, 403].includes(probe.status),
        `Origin ${JSON.stringify(origin.slice(0, 40))}: ${probe.raw.slice(0, 80)}`,
      );
      assert.equal(probe.afterHead, 0);
    }
    const twoOrigins = await probeUpgrade(server.port, wsTarget(TOKEN), {
      origin: 'http://evil.example',
      extra: [`Origin: http://127.0.0.1:${server.port}`],
    });
    assert.ok([400, 403].includes(twoOrigins.status), twoOrigins.raw.slice(0, 80));
    assert.equal(connected, 0);
    const control = await probeUpgrade(server.port, wsTarget(TOKEN));
    assert.equal(control.status, 101, 'the server still upgrades a good handshake');
  });

  it('survives header garbage: bare LF, control bytes, a CRLF-injected value, a 100 KB header', async () => {
    const port = server.port;
    const garbage: (string | Buffer)[] = [
      `GET / HTTP/1.1\nHost: 127.0.0.1:${port}\n\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: a\u0001b\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost : evil.example\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX: ${'y'.repeat(100_000)}\r\n\r\n`,
      Buffer.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0xff, 0xfe, 0x20, 0x48, 0x0d, 0x0a, 0x0d, 0x0a]),
      'NOT-HTTP AT ALL\r\n\r\n',
      `GET /__preview/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 99\r\n\r\n`,
    ];
    for (const request of garbage) {
      const response = await rawRequest(port, request);
      const status = statusOf(response);
      assert.ok(status === 0 || (status >= 400 && status < 500), `answered ${status}: ${response.slice(0, 80)}`);
      assert.ok(!response.includes(TOKEN) && !response.includes(MARK));
    }
    assert.equal(statusOf(await rawGet(port, '/')), 200);
  });
});
