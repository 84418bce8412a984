/**
 * The session endpoint hands a page its server's token after a restart; nobody else may read it.
 * Raw requests (nothing normalises them) for every header an attacker controls or a browser adds,
 * LAN mode with no or a stale cookie, and real Chromium on another origin trying both the
 * endpoint and the socket.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { SESSION_HEADER, SESSION_PATH, WS_PATH } from '../../src/shared/protocol.js';
import { launchChromium } from '../helpers/browser.js';
import { rawRequest, statusOf } from '../helpers/raw-request.js';

/** A raw `POST` of the session path with `lines` as its headers (besides `Connection: close`). */
const postSession = (port: number, lines: string[], method = 'POST'): Promise<string> =>
  rawRequest(port, `${method} ${SESSION_PATH} HTTP/1.1\r\n${[...lines, 'Connection: close'].join('\r\n')}\r\n\r\n`);

describe('session endpoint: the token only for the page itself', () => {
  let server: LivePreviewServer;
  let port: number;
  let own: string[];

  before(async () => {
    server = new LivePreviewServer({ port: 0, host: '127.0.0.1' });
    server.updateContent('<!doctype html><title>s</title><p>secret preview</p>');
    await server.start();
    port = server.port;
    own = [`Host: 127.0.0.1:${port}`, `Origin: http://127.0.0.1:${port}`, `${SESSION_HEADER}: 1`];
  });
  after(() => server.stop());

  it('answers the page itself with the token (what the refusals below withhold)', async () => {
    const answer = await postSession(port, [...own, 'Sec-Fetch-Site: same-origin']);
    assert.equal(statusOf(answer), 200);
    assert.ok(answer.includes(`"token":"${server.token}"`));
    assert.match(answer, /cache-control: no-store/i);
  });

  const refusals: [string, (port: number) => string[], number, string?][] = [
    ['another origin', (p) => [`Host: 127.0.0.1:${p}`, 'Origin: http://evil.example', `${SESSION_HEADER}: 1`], 403],
    ['Origin null', (p) => [`Host: 127.0.0.1:${p}`, 'Origin: null', `${SESSION_HEADER}: 1`], 403],
    ['no Origin', (p) => [`Host: 127.0.0.1:${p}`, `${SESSION_HEADER}: 1`], 403],
    ['https origin', (p) => [`Host: 127.0.0.1:${p}`, `Origin: https://127.0.0.1:${p}`, `${SESSION_HEADER}: 1`], 403],
    ['other port', (p) => [`Host: 127.0.0.1:${p}`, `Origin: http://127.0.0.1:${p + 1}`, `${SESSION_HEADER}: 1`], 403],
    [
      'no custom header (a form or simple request)',
      (p) => [`Host: 127.0.0.1:${p}`, `Origin: http://127.0.0.1:${p}`],
      403,
    ],
    [
      'Sec-Fetch-Site: cross-site',
      (p) => [
        `Host: 127.0.0.1:${p}`,
        `Origin: http://127.0.0.1:${p}`,
        `${SESSION_HEADER}: 1`,
        'Sec-Fetch-Site: cross-site',
      ],
      403,
    ],
    [
      'Sec-Fetch-Site: same-site',
      (p) => [
        `Host: 127.0.0.1:${p}`,
        `Origin: http://127.0.0.1:${p}`,
        `${SESSION_HEADER}: 1`,
        'Sec-Fetch-Site: same-site',
      ],
      403,
    ],
    [
      'DNS rebinding (a hostile name in Host and Origin)',
      (p) => [`Host: rebind.example:${p}`, `Origin: http://rebind.example:${p}`, `${SESSION_HEADER}: 1`],
      403,
    ],
    ['GET', (p) => [`Host: 127.0.0.1:${p}`, `Origin: http://127.0.0.1:${p}`, `${SESSION_HEADER}: 1`], 405, 'GET'],
    ['OPTIONS preflight', (p) => [`Host: 127.0.0.1:${p}`, 'Origin: http://evil.example'], 405, 'OPTIONS'],
  ];
  for (const [name, headers, status, method] of refusals) {
    it(`refuses ${name} with ${status}, no token and no CORS header`, async () => {
      const answer = await postSession(port, headers(port), method);
      assert.equal(statusOf(answer), status, answer);
      assert.ok(!answer.includes(server.token), 'the token leaked');
      assert.doesNotMatch(answer, /access-control-/i);
    });
  }

  it('in LAN mode (token required) refuses a request without the cookie or with a stale one', async () => {
    const lan = new LivePreviewServer({ port: 0, host: '127.0.0.1', requireToken: true });
    await lan.start();
    try {
      const lines = [`Host: 127.0.0.1:${lan.port}`, `Origin: http://127.0.0.1:${lan.port}`, `${SESSION_HEADER}: 1`];
      for (const cookie of [[], ['Cookie: sop_preview_token=the-previous-run-token']]) {
        const answer = await postSession(lan.port, [...lines, ...cookie]);
        assert.equal(statusOf(answer), 401, answer);
        assert.ok(!answer.includes(lan.token));
      }
      const good = await postSession(lan.port, [...lines, `Cookie: sop_preview_token=${lan.token}`]);
      assert.equal(statusOf(good), 200);
    } finally {
      await lan.stop();
    }
  });

  describe('from a page on another origin, in Chromium', () => {
    let browser: Browser;
    let other: Server;
    let otherUrl: string;

    before(async () => {
      browser = await launchChromium();
      other = createServer((_req, res) => res.end('<!doctype html><title>elsewhere</title>'));
      await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
      const address = other.address();
      otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    });
    after(async () => {
      await browser?.close();
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    });

    it('can neither read the token nor open the socket, even knowing the token', async () => {
      const page = await browser.newPage();
      await page.goto(otherUrl);
      const target = `http://127.0.0.1:${port}${SESSION_PATH}`;
      const read = (await page.evaluate(`(async () => {
        const out = [];
        try {
          const r = await fetch(${JSON.stringify(target)}, { method: 'POST', headers: { '${SESSION_HEADER}': '1' } });
          out.push('cors:' + r.status + ':' + (await r.text()));
        } catch (e) { out.push('cors:refused'); }
        try {
          const r = await fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include' });
          out.push('no-cors:' + r.type + ':' + (await r.text()));
        } catch (e) { out.push('no-cors:refused'); }
        return out;
      })()`)) as string[];
      assert.deepEqual(read, ['cors:refused', 'no-cors:opaque:']);

      const socket = (await page.evaluate(`new Promise((resolve) => {
        const ws = new WebSocket(${JSON.stringify(`ws://127.0.0.1:${port}${WS_PATH}?token=${server.token}&doc=index`)});
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('error');
      })`)) as string;
      assert.equal(socket, 'error');
      assert.equal(server.stats().clients.total, 0, 'no viewer was let in');
      await page.close();
    });
  });
});
