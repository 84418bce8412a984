/**
 * No response carries a CORS header (so no other origin can read anything), none grants Private
 * Network Access, and the token only ever appears in the two pages that need it: the document
 * and the dashboard, both same-origin only. The client script is token-free and typed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PUSH_PATH, SESSION_PATH } from '../../src/shared/protocol.js';
import { rawRequest, statusOf } from '../helpers/raw-request.js';
import { probeUpgrade, wsTarget } from './hostile-helpers.js';

const TOKEN = 'cors-test-token-0123456789abcdef';
const EVIL = 'http://evil.example';

/** Every header line of a raw response, lower-cased names. */
function headerNames(response: string): string[] {
  const head = response.slice(0, Math.max(0, response.indexOf('\r\n\r\n')));
  return head
    .split('\r\n')
    .slice(1)
    .map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase());
}

/** A raw request as a hostile page's fetch or preflight would send it. */
function hostile(
  port: number,
  method: string,
  target: string,
  extra: string[] = [],
  address = '127.0.0.1',
): Promise<string> {
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: ${address}:${port}`,
    `Origin: ${EVIL}`,
    'Sec-Fetch-Site: cross-site',
    'Sec-Fetch-Mode: cors',
    'Access-Control-Request-Method: GET',
    'Access-Control-Request-Headers: authorization',
    'Access-Control-Request-Private-Network: true',
    ...extra,
    'Content-Length: 0',
    'Connection: close',
  ];
  return rawRequest(port, `${lines.join('\r\n')}\r\n\r\n`, address);
}

describe('no CORS, no Private Network Access, token kept in', () => {
  const root = mkdtempSync(join(tmpdir(), 'sop-preview-cors-'));
  let server: LivePreviewServer;
  let lan: LivePreviewServer;

  before(async () => {
    writeFileSync(join(root, 'a.css'), 'p{}');
    server = new LivePreviewServer({ port: 0, token: TOKEN, push: true, root });
    server.updateContent('<html><body><p data-block="p">doc</p></body></html>');
    server.updateContent('<p data-block="q">other</p>', { doc: 'lab/ph.html' });
    lan = new LivePreviewServer({ port: 0, host: '127.0.0.2', token: TOKEN, requireToken: true, push: true, root });
    await server.start();
    await lan.start();
  });
  after(async () => {
    await Promise.all([server.stop(), lan.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  const targets = [
    '/',
    '/index',
    '/lab/ph.html',
    '/a.css',
    '/missing',
    '/__preview/client.js',
    '/__preview/status',
    '/__preview/dashboard',
    '/__preview/other',
    SESSION_PATH,
    PUSH_PATH,
    `/?token=${TOKEN}`,
  ];

  it('sends no Access-Control-* header on any route, method or outcome (loopback and LAN)', async () => {
    const responses: string[] = [];
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']) {
      for (const target of targets) {
        responses.push(await hostile(server.port, method, target));
        responses.push(await hostile(lan.port, method, target, [], '127.0.0.2'));
      }
    }
    responses.push(
      await hostile(server.port, 'PUT', PUSH_PATH, [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/html']),
    );
    responses.push(await hostile(server.port, 'GET', '/', [`Host: evil.example`]));
    const upgrade = await probeUpgrade(server.port, wsTarget(TOKEN), { origin: EVIL });
    responses.push(upgrade.raw);
    assert.ok(responses.length > 100);
    for (const response of responses) {
      assert.ok(statusOf(response) > 0, 'every request was answered');
      const names = headerNames(response);
      assert.ok(
        !names.some((name) => name.startsWith('access-control-')),
        `CORS header in:\n${response.slice(0, 300)}`,
      );
      assert.ok(!names.includes('timing-allow-origin'));
    }
  });

  it('keeps the token out of every response another origin could load as a script, style or image', async () => {
    const tokenFree = [
      '/__preview/client.js',
      '/__preview/status',
      '/__preview/other',
      '/missing',
      '/a.css',
      PUSH_PATH,
      SESSION_PATH,
    ];
    for (const target of tokenFree) {
      for (const method of ['GET', 'PUT', 'POST']) {
        const response = await hostile(server.port, method, target);
        assert.ok(!response.includes(TOKEN), `${method} ${target} exposes the token`);
      }
    }
    const refused = await probeUpgrade(server.port, wsTarget(TOKEN), { origin: EVIL });
    assert.ok(!refused.raw.includes(TOKEN));
    const lanPage = await hostile(lan.port, 'GET', '/', [], '127.0.0.2');
    assert.equal(statusOf(lanPage), 401);
    assert.ok(!lanPage.includes(TOKEN), 'the LAN refusal does not echo the token');
  });

  it('serves the client script as typed, nosniff JavaScript without the token', async () => {
    const response = await hostile(server.port, 'GET', '/__preview/client.js');
    assert.equal(statusOf(response), 200);
    assert.match(response, /\r\ncontent-type: text\/javascript; charset=utf-8\r\n/i);
    assert.match(response, /\r\nx-content-type-options: nosniff\r\n/i);
    assert.ok(!response.includes(TOKEN));
  });

  it('puts the token only in no-store, nosniff HTML (document and dashboard), never in a JSON or script body', async () => {
    for (const target of ['/', '/lab/ph.html', '/__preview/dashboard']) {
      const response = await hostile(server.port, 'GET', target);
      assert.equal(statusOf(response), 200, target);
      assert.match(response, /\r\ncontent-type: text\/html; charset=utf-8\r\n/i, target);
      assert.match(response, /\r\ncache-control: no-store\r\n/i, target);
      assert.match(response, /\r\nx-content-type-options: nosniff\r\n/i, target);
    }
    const status = await hostile(server.port, 'GET', '/__preview/status');
    assert.match(status, /\r\ncontent-type: application\/json/i);
    assert.ok(!status.includes(TOKEN));
  });

  it('moves the LAN token into an HttpOnly, SameSite=Strict cookie and out of the address bar', async () => {
    const response = await rawRequest(
      lan.port,
      `GET /?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.2:${lan.port}\r\nConnection: close\r\n\r\n`,
      '127.0.0.2',
    );
    assert.equal(statusOf(response), 302);
    assert.match(response, /\r\nset-cookie: [^\r]*; HttpOnly; SameSite=Strict/i);
    assert.doesNotMatch(/\r\nlocation: ([^\r]*)/i.exec(response)?.[1] ?? '', new RegExp(TOKEN));
  });
});
