/**
 * Push API under attack: a hostile page (form posts, cross-site fetches), a caller without the
 * token, and bodies that are too big or arrive too slowly. Every refusal leaves the document and
 * its viewers untouched, and server memory stays bounded while a huge body streams in.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PUSH_PATH } from '../../src/shared/protocol.js';
import { rawRequest, statusOf } from '../helpers/raw-request.js';
import { connectClient } from '../server/server-helpers.js';

const TOKEN = 'push-attack-token-0123456789abcdef';
const ORIGINAL = '<html><body><p data-block="p">original</p></body></html>';
const EVIL = '<html><body><p data-block="p">PWNED</p></body></html>';
const LIMIT = 64 * 1024;
const TIMEOUT_MS = 400;

/** A raw PUT with the given extra header lines and body. */
function rawPut(port: number, headers: string[], body: string, target = PUSH_PATH): Promise<string> {
  const head = [
    `PUT ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...headers,
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return rawRequest(port, `${head.join('\r\n')}\r\nConnection: close\r\n\r\n${body}`);
}

describe('push API refuses hostile callers', () => {
  let server: LivePreviewServer;
  let originalVersion: number;

  before(async () => {
    server = new LivePreviewServer({
      port: 0,
      token: TOKEN,
      push: true,
      pushBodyLimit: LIMIT,
      pushTimeoutMs: TIMEOUT_MS,
    });
    originalVersion = server.updateContent(ORIGINAL).version;
    await server.start();
  });
  after(() => server.stop());

  /** The document must still be the original, at the original version, as a viewer would fetch it. */
  const assertUnchanged = async (what: string): Promise<void> => {
    assert.equal(server.stats().documents.index?.version, originalVersion, `${what}: version changed`);
    const page = await (await fetch(server.url)).text();
    assert.ok(page.includes('original') && !page.includes('PWNED'), `${what}: content changed`);
  };

  it('accepts the token with text/html (control case), then restores the original', async () => {
    const ok = await rawPut(server.port, [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/html'], EVIL);
    assert.equal(statusOf(ok), 200, ok);
    originalVersion = server.updateContent(ORIGINAL).version;
  });

  const refusals: [string, string[], number][] = [
    ['no token', ['Content-Type: text/html'], 401],
    ['an empty bearer', ['Authorization: Bearer ', 'Content-Type: text/html'], 401],
    ['a wrong token', ['Authorization: Bearer wrong-token-000000000000000000', 'Content-Type: text/html'], 401],
    ['a token one character short', [`Authorization: Bearer ${TOKEN.slice(0, -1)}`, 'Content-Type: text/html'], 401],
    ['the token as Basic auth', [`Authorization: Basic ${TOKEN}`, 'Content-Type: text/html'], 401],
    ['the token in a cookie', [`Cookie: sop_preview_token=${TOKEN}`, 'Content-Type: text/html'], 401],
    ['a text/plain form post', [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/plain'], 415],
    [
      'a text/plain form post with a charset',
      [`Authorization: Bearer ${TOKEN}`, 'Content-Type: TEXT/PLAIN; charset=utf-8'],
      415,
    ],
    [
      'an urlencoded form post',
      [`Authorization: Bearer ${TOKEN}`, 'Content-Type: application/x-www-form-urlencoded'],
      415,
    ],
    ['a multipart form post', [`Authorization: Bearer ${TOKEN}`, 'Content-Type: multipart/form-data; boundary=x'], 415],
    [
      'Sec-Fetch-Site: cross-site',
      [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/html', 'Sec-Fetch-Site: cross-site'],
      403,
    ],
    [
      'Sec-Fetch-Site: same-site',
      [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/html', 'Sec-Fetch-Site: same-site'],
      403,
    ],
    [
      'a cross-site request without the token',
      ['Content-Type: text/plain', 'Sec-Fetch-Site: cross-site', 'Origin: http://evil.example'],
      403,
    ],
  ];
  for (const [what, headers, status] of refusals) {
    it(`refuses ${what} with ${status} and keeps the document`, async () => {
      const response = await rawPut(server.port, headers, EVIL);
      assert.equal(statusOf(response), status, response.slice(0, 200));
      assert.doesNotMatch(response, /access-control-/i);
      await assertUnchanged(what);
    });
  }

  it('refuses the token in the query string (it would end up in logs and history)', async () => {
    const response = await rawPut(server.port, ['Content-Type: text/html'], EVIL, `${PUSH_PATH}?token=${TOKEN}`);
    assert.equal(statusOf(response), 401);
    await assertUnchanged('token in query');
  });

  it('refuses POST, GET and the preflight a cross-site fetch would need', async () => {
    for (const method of ['POST', 'GET', 'OPTIONS', 'PATCH', 'DELETE']) {
      const response = await rawRequest(
        server.port,
        `${method} ${PUSH_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://evil.example\r\n` +
          'Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: authorization\r\n' +
          `Authorization: Bearer ${TOKEN}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      assert.equal(statusOf(response), 405, `${method}: ${response.slice(0, 120)}`);
      assert.doesNotMatch(response, /access-control-/i);
    }
    await assertUnchanged('other methods');
  });

  it('refuses a declared oversized body before reading it', async () => {
    const response = await rawRequest(
      server.port,
      `PUT ${PUSH_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Type: text/html\r\nContent-Length: ${1024 * 1024 * 1024}\r\n\r\n<p>`,
    );
    assert.equal(statusOf(response), 413);
    await assertUnchanged('declared oversized');
  });

  it('cuts off an undeclared (chunked) 40 MB body early with bounded memory', async () => {
    const viewer = await connectClient(server);
    await viewer.waitFor((m) => m.type === 'hello', 'hello');
    const baseline = process.memoryUsage();
    const chunk = Buffer.alloc(256 * 1024, 'a');
    let sent = 0;
    const status = await new Promise<number>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (data: Buffer) => {
        answer += data.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(statusOf(answer)));
      socket.write(
        `PUT ${PUSH_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          'Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const pump = (): void => {
        while (!socket.destroyed && sent < 40 * 1024 * 1024) {
          sent += chunk.length;
          const more = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
          if (!more) {
            socket.once('drain', pump);
            return;
          }
        }
        if (!socket.destroyed) socket.end('0\r\n\r\n');
      };
      pump();
    });
    assert.equal(status, 413);
    const grown = process.memoryUsage();
    // The server keeps at most LIMIT bytes of a body; allow slack for sockets and GC timing.
    const growth = grown.arrayBuffers + grown.heapUsed - (baseline.arrayBuffers + baseline.heapUsed);
    assert.ok(growth < 24 * 1024 * 1024, `memory grew by ${(growth / 1e6).toFixed(1)} MB while refusing`);
    await assertUnchanged('chunked oversized');
    assert.ok(
      viewer.messages().every((m) => m.type === 'hello'),
      'the viewer received nothing but hello',
    );
    viewer.socket.close();
    await viewer.closed;
  });

  it('answers slow-drip bodies with 408, cuts them soon after, and keeps serving good pushes', async () => {
    const started = Date.now();
    const drip = (): Promise<{ status: number; closedAfterMs: number }> =>
      new Promise((resolve) => {
        const socket = connect(server.port, '127.0.0.1');
        let answer = '';
        const timer = setInterval(() => {
          if (!socket.destroyed) socket.write('<');
        }, 20);
        socket.on('data', (data: Buffer) => {
          answer += data.toString('latin1');
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ status: statusOf(answer), closedAfterMs: Date.now() - started });
        });
        socket.write(
          `PUT ${PUSH_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
            'Content-Type: text/html\r\nContent-Length: 1000\r\n\r\n',
        );
      });
    const drips = Array.from({ length: 50 }, drip);
    const good = await rawPut(
      server.port,
      [`Authorization: Bearer ${TOKEN}`, 'Content-Type: text/html'],
      ORIGINAL.replace('original', 'good push'),
    );
    assert.equal(statusOf(good), 200, 'a good push is not held up by 50 slow ones');
    const outcomes = await Promise.all(drips);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 408);
      // The server drains a refused body for at most 5 s so the client can read the answer, then cuts it.
      assert.ok(outcome.closedAfterMs < TIMEOUT_MS + 5000 + 2000, `connection open for ${outcome.closedAfterMs} ms`);
    }
    originalVersion = server.updateContent(ORIGINAL).version;
    await assertUnchanged('slow drip');
  });
});
