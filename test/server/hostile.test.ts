import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { poll } from '../helpers/poll.js';
import { rawGet, rawRequest, statusOf } from '../helpers/raw-request.js';
import { connectClient, within } from './server-helpers.js';

const SECRET = 'TOP-SECRET-7f3a9c';
const DOTFILE = 'DOTFILE-SECRET-1b2c';

/** The token with its last character replaced by a different one (a random token may already end in any letter). */
function oneCharacterChanged(token: string): string {
  const last = token.at(-1) === 'x' ? 'y' : 'x';
  return `${token.slice(0, -1)}${last}`;
}

describe('hostile requests (acceptance 7)', () => {
  const base = mkdtempSync(join(tmpdir(), 'sop-preview-hostile-'));
  const root = join(base, 'root');
  let server: LivePreviewServer;
  const responses: string[] = [];
  const record = (response: string): string => {
    responses.push(response);
    return response;
  };

  before(async () => {
    mkdirSync(join(root, 'css'), { recursive: true });
    writeFileSync(join(base, 'secret.txt'), SECRET);
    mkdirSync(join(base, 'root-sibling'));
    writeFileSync(join(base, 'root-sibling', 'secret.txt'), SECRET);
    writeFileSync(join(root, '.env'), DOTFILE);
    writeFileSync(join(root, 'css', 'style.css'), 'body{color:red}');
    mkdirSync(join(root, 'guide'));
    writeFileSync(join(root, 'guide', 'index.html'), '<p>guide index</p>');
    symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
    symlinkSync(base, join(root, 'up'));
    server = new LivePreviewServer({ port: 0, root });
    await server.start();
  });
  after(async () => {
    await server.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('serves files inside the root with the right type and nosniff', async () => {
    const response = record(await rawGet(server.port, '/css/style.css'));
    assert.equal(statusOf(response), 200);
    assert.match(response, /content-type: text\/css/i);
    assert.match(response, /body\{color:red\}/);
  });

  it('serves index.html for a folder and never lists a folder', async () => {
    const folder = record(await rawGet(server.port, '/guide/'));
    assert.equal(statusOf(folder), 200);
    assert.match(folder, /content-type: text\/html/i);
    assert.match(folder, /guide index/);
    const listing = record(await rawGet(server.port, '/css/'));
    assert.equal(statusOf(listing), 404);
    assert.doesNotMatch(listing, /style\.css/);
  });

  it('never serves anything outside the root, dotfiles or through symlinks', async () => {
    const targets = [
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/../secret.txt',
      '/css/../../secret.txt',
      '/a\\..\\..\\secret.txt',
      '/..%5csecret.txt',
      '/.env',
      '/%2eenv',
      '/css/%2e%2e/.env',
      '/%00',
      '/css/style.css%00.txt',
      '/link.txt',
      '/up/secret.txt',
      '/up/root/.env',
      '/%2e%2e/root-sibling/secret.txt',
      '/..%252fsecret.txt',
      '/%E0%A4%A',
      '/css/style.css#x',
      '//etc/passwd',
    ];
    for (const target of targets) {
      const response = record(await rawGet(server.port, target));
      const status = statusOf(response);
      assert.ok([400, 403, 404].includes(status), `${target} answered ${status}`);
      assert.ok(!response.includes(SECRET) && !response.includes(DOTFILE), `${target} leaked a secret`);
    }
  });

  it('refuses a foreign Host on HTTP and on upgrade', async () => {
    assert.equal(statusOf(record(await rawGet(server.port, '/', 'evil.example'))), 403);
    assert.equal(statusOf(record(await rawGet(server.port, '/', `evil.example:${server.port}`))), 403);
    assert.equal(statusOf(record(await rawGet(server.port, '/', `localhost:${server.port}`))), 200);
    const upgrade = record(
      await rawRequest(
        server.port,
        `GET /__preview/ws?token=${server.token} HTTP/1.1\r\nHost: evil.example:${server.port}\r\n` +
          `Origin: http://evil.example:${server.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      ),
    );
    assert.equal(statusOf(upgrade), 403);
    assert.equal(server.stats().clients.total, 0);
  });

  it('refuses WebSocket handshakes with a foreign Origin, no token or a wrong token', async () => {
    const refusedBefore = server.stats().refusedUpgrades;
    const attempts = [
      { origin: 'http://evil.example' },
      { origin: `http://localhost:${server.port}` },
      { origin: null },
      { token: null },
      { token: oneCharacterChanged(server.token) },
      { token: 'short' },
    ];
    const connected: number[] = [];
    server.on('client-connected', ({ id }) => connected.push(id));
    for (const attempt of attempts) {
      await assert.rejects(connectClient(server, attempt), /refused with 403/, JSON.stringify(attempt));
    }
    assert.equal(server.stats().refusedUpgrades, refusedBefore + attempts.length);
    assert.equal(server.stats().clients.total, 0);
    assert.deepEqual(connected, []);
    server.removeAllListeners('client-connected');
  });

  it('survives a malformed Host header', async () => {
    const response = record(await rawGet(server.port, '/', '[::1'));
    assert.ok([400, 403].includes(statusOf(response)), response);
    assert.equal(statusOf(record(await rawRequest(server.port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n'))), 400);
    assert.equal(statusOf(record(await rawGet(server.port, '/', `[::1]:${server.port}`))), 200);
  });

  it('closes only the socket that sends a too-large frame', async () => {
    const bad = await connectClient(server);
    const good = await connectClient(server);
    await good.waitFor((m) => m.type === 'hello', 'hello');
    bad.socket.send('x'.repeat(1024 * 1024));
    assert.equal(await within(bad.closed, 'the flooding socket to close'), 1009);
    const { version } = server.updateContent(`<html><body><p data-block="p">${Date.now()}</p></body></html>`);
    await good.waitFor((m) => 'version' in m && m.version === version && m.type !== 'hello', 'update after the attack');
    await poll(() => server.stats().clients.total === 1, { message: 'one client left' });
    good.socket.close();
    await good.closed;
  });

  it('sends nosniff and no CORS header on every response', async () => {
    record(await rawGet(server.port, '/__preview/status'));
    record(await rawGet(server.port, '/__preview/nope'));
    record(
      await rawRequest(
        server.port,
        `OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n`,
      ),
    );
    assert.equal(statusOf(responses.at(-2) ?? ''), 404);
    assert.ok(responses.length > 30);
    for (const response of responses) {
      assert.match(response, /^HTTP\/1\.1 \d{3} /);
      assert.doesNotMatch(response, /access-control-/i);
      assert.match(response, /x-content-type-options: nosniff/i, response.slice(0, 200));
    }
  });
});
