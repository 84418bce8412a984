/**
 * WebSocket abuse after a successful handshake, and handshakes shaped like CVE-2024-37890: every
 * bad input closes or is ignored on that one socket, the server stays healthy, and the other
 * viewers keep getting their updates on time.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { CLIENT_MAX_PAYLOAD, PROTOCOL_VERSION } from '../../src/shared/protocol.js';
import { poll } from '../helpers/poll.js';
import { rawGet, statusOf } from '../helpers/raw-request.js';
import { connectClient, type TestClient } from '../server/server-helpers.js';
import { openRawWebSocket, WS_KEY, within, wsFrame, wsTarget } from './hostile-helpers.js';

const TOKEN = 'ws-abuse-token-0123456789abcdef';
const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;

const page = (text: string): string => `<html><body><p data-block="p">${text}</p></body></html>`;

describe('WebSocket abuse', () => {
  let server: LivePreviewServer;
  let bystander: TestClient;

  before(async () => {
    server = new LivePreviewServer({ port: 0, token: TOKEN });
    server.updateContent(page('start'));
    await server.start();
    bystander = await connectClient(server);
    await bystander.waitFor((m) => m.type === 'hello', 'bystander hello');
  });
  after(async () => {
    bystander.socket.close();
    await server.stop();
  });

  /** The bystander gets the next update promptly and the server still serves HTTP. */
  const assertHealthy = async (what: string): Promise<void> => {
    const { version } = server.updateContent(page(`after ${what} ${Date.now()}`));
    await bystander.waitFor(
      (m) => (m.type === 'patch' || m.type === 'update') && m.version === version,
      `the bystander's update after ${what}`,
      2000,
    );
    assert.equal(statusOf(await rawGet(server.port, '/')), 200, `HTTP after ${what}`);
  };

  it('closes a socket sending one frame over the size limit with 1009', async () => {
    const raw = await openRawWebSocket(server.port, TOKEN);
    raw.write(wsFrame(TEXT, 'x'.repeat(CLIENT_MAX_PAYLOAD + 1)));
    await within(raw.closed, 'the oversized socket to close');
    assert.equal(raw.closeCode(), 1009);
    await assertHealthy('an oversized frame');
  });

  it('closes a socket announcing a 2^53-byte frame at once, without allocating it', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const raw = await openRawWebSocket(server.port, TOKEN);
    raw.write(wsFrame(BINARY, Buffer.alloc(0), true, 2 ** 53 - 1).subarray(0, 14));
    await within(raw.closed, 'the lying socket to close');
    assert.ok([1009, 1002].includes(raw.closeCode() ?? 0), `close code ${raw.closeCode()}`);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 * 1024 * 1024);
    await assertHealthy('a huge declared length');
  });

  it('closes a socket sending thousands of 1-byte fragments past the limit with 1009', async () => {
    const raw = await openRawWebSocket(server.port, TOKEN);
    const pieces = [wsFrame(TEXT, 'x', false)];
    for (let i = 0; i < CLIENT_MAX_PAYLOAD + 100; i += 1) pieces.push(wsFrame(CONTINUATION, 'x', false));
    raw.write(Buffer.concat(pieces));
    await within(raw.closed, 'the fragment flood to close');
    assert.equal(raw.closeCode(), 1009);
    await assertHealthy('a fragment flood');
  });

  it('reassembles a valid hello sent in 1-byte fragments (control case)', async () => {
    const raw = await openRawWebSocket(server.port, TOKEN);
    const hello = JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion: 0 });
    const pieces = [...hello].map((char, i) => wsFrame(i === 0 ? TEXT : CONTINUATION, char, i === hello.length - 1));
    raw.write(Buffer.concat(pieces));
    await poll(() => raw.received().includes('"type":"update"'), {
      message: 'the update answering a fragmented hello',
    });
    raw.destroy();
  });

  it('ignores and counts garbage messages, keeps the socket open, and still answers a good hello', async () => {
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const ignoredBefore = server.stats().messages.ignored;
    const garbage: (string | Buffer)[] = [
      '',
      'not json',
      '{',
      'null',
      '[]',
      '42',
      '"hello"',
      '{}',
      '{"type":"reload"}',
      '{"type":"update","version":1,"html":"<p>x</p>"}',
      `{"type":"hello","protocol":${PROTOCOL_VERSION + 1},"doc":"index","lastVersion":0}`,
      '{"type":"hello","protocol":1,"doc":"index","lastVersion":-1}',
      '{"type":"hello","protocol":1,"doc":"index","lastVersion":1e400}',
      '{"type":"hello","protocol":1,"doc":42,"lastVersion":0}',
      `{"type":"hello","protocol":1,"doc":"${'d'.repeat(300)}","lastVersion":0}`,
      '{"type":"applied","version":1,"ms":-5}',
      '{"type":"applied","version":1,"ms":"fast"}',
      '{"type":"applied","version":1.5,"ms":1}',
      '{"__proto__":{"type":"hello","protocol":1,"doc":"index","lastVersion":0}}',
      '{"constructor":{"prototype":{"polluted":true}},"type":"x"}',
      Buffer.from([0x00, 0xff, 0x10]),
    ];
    for (const message of garbage) client.socket.send(message);
    await poll(() => server.stats().messages.ignored >= ignoredBefore + garbage.length, {
      message: 'every garbage message counted',
    });
    assert.equal(server.stats().messages.ignored, ignoredBefore + garbage.length);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(client.socket.readyState, client.socket.OPEN);
    const seen = client.frames.length;
    client.socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion: 0 }));
    await poll(
      () =>
        client
          .messages()
          .slice(1)
          .some((m) => m.type === 'update') && client.frames.length > seen,
      { message: 'update' },
    );
    client.socket.close();
    await client.closed;
    await assertHealthy('garbage messages');
  });

  it('closes on protocol violations: invalid UTF-8 (1007), unmasked or reserved frames (1002)', async () => {
    const invalidUtf8 = await openRawWebSocket(server.port, TOKEN);
    invalidUtf8.write(wsFrame(TEXT, Buffer.from([0xc3, 0x28, 0xff])));
    await within(invalidUtf8.closed, 'the invalid UTF-8 socket to close');
    assert.equal(invalidUtf8.closeCode(), 1007);

    const unmasked = await openRawWebSocket(server.port, TOKEN);
    unmasked.write(Buffer.from([0x81, 0x02, 0x7b, 0x7d]));
    await within(unmasked.closed, 'the unmasked socket to close');
    assert.equal(unmasked.closeCode(), 1002);

    const reserved = await openRawWebSocket(server.port, TOKEN);
    reserved.write(wsFrame(0x3, 'x'));
    await within(reserved.closed, 'the reserved-opcode socket to close');
    assert.equal(reserved.closeCode(), 1002);
    await assertHealthy('protocol violations');
  });

  it('survives any sequence of generated frames (fast-check) and always answers a good hello after', async () => {
    const message = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc
        .record(
          {
            type: fc.constantFrom('hello', 'applied', 'update', 'patch', 'x'),
            protocol: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer(), fc.string()),
            doc: fc.oneof(fc.constant('index'), fc.string({ maxLength: 300 })),
            lastVersion: fc.oneof(fc.nat(), fc.double(), fc.constant(null)),
            version: fc.oneof(fc.nat(), fc.double()),
            ms: fc.oneof(fc.nat(), fc.double(), fc.string()),
          },
          { requiredKeys: ['type'] },
        )
        .map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 15 }), async (messages) => {
        const client = await connectClient(server);
        try {
          await client.waitFor((m) => m.type === 'hello', 'hello', 2000);
          for (const frame of messages) client.socket.send(frame);
          client.socket.send(
            JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, doc: 'index', lastVersion: 0 }),
          );
          await client.waitFor((m) => m.type === 'update', 'update after generated frames', 2000);
          return client.socket.readyState === client.socket.OPEN;
        } finally {
          client.socket.close();
          await client.closed;
        }
      }),
      { numRuns: 40 },
    );
    await assertHealthy('generated frames');
  });

  it('refuses an upgrade carrying 2,000 headers before its key (CVE-2024-37890 shape) and stays up', async () => {
    const junk = Array.from({ length: 2000 }, (_, i) => `X-Junk-${i}: ${i}`).join('\r\n');
    const response = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk: Buffer) => {
        answer += chunk.toString('latin1');
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(answer));
      setTimeout(() => socket.destroy(), 3000).unref();
      socket.write(
        `GET ${wsTarget(TOKEN)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://127.0.0.1:${server.port}\r\n` +
          `Connection: Upgrade\r\nUpgrade: websocket\r\n${junk}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${WS_KEY}\r\n\r\n`,
      );
    });
    const status = statusOf(response);
    // Node keeps the first 2,000 headers, so the key is dropped: ws (>= 8.17.1) answers 400 instead of throwing.
    assert.ok([400, 431].includes(status), `answered ${status}`);
    await assertHealthy('2,000 headers');
  });
});

describe('stalled WebSocket clients', () => {
  it('terminates a client that never answers pings, and keeps an answering one on time', async () => {
    const server = new LivePreviewServer({ port: 0, token: TOKEN, heartbeatMs: 100 });
    await server.start();
    try {
      const alive = await connectClient(server);
      await alive.waitFor((m) => m.type === 'hello', 'hello');
      // A raw socket never answers pings: like a sleeping laptop whose TCP connection lingers.
      const stalled = await openRawWebSocket(server.port, TOKEN);
      await poll(() => server.stats().clients.total === 2, { message: 'two clients' });
      await within(stalled.closed, 'the stalled client to be terminated', 3000);
      await poll(() => server.stats().clients.total === 1, { message: 'one client left' });
      const { version } = server.updateContent(page('after the stall'));
      await alive.waitFor((m) => (m.type === 'update' || m.type === 'patch') && m.version === version, 'update', 2000);
      alive.socket.close();
      await alive.closed;
    } finally {
      await server.stop();
    }
  });
});
