/**
 * A viewer that stops reading (a frozen tab, a phone on a bad network) during 1,000 pushes through
 * the push API: the other viewers get every version on time, server memory stays bounded, and the
 * slow one catches up with the latest version once it reads again.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PUSH_PATH, WS_PATH } from '../../src/shared/protocol.js';
import { poll } from '../helpers/poll.js';
import { openRawWebSocket } from '../security/hostile-helpers.js';

const TOKEN = 'slow-reader-token-0123456789abcdef';
const PUSHES = 1000;
const CAP = 256 * 1024;
// Every push is a whole-document update of ~24 KB, which fills a stalled
// socket quickly (the worst case for memory).
const filler = 'x'.repeat(24 * 1024);
// Measuring retained memory needs a full collection first.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A viewer that keeps only the versions it received (not 24 MB of frames) and when. */
interface Viewer {
  socket: WebSocket;
  versions: number[];
  arrival: Map<number, number>;
}

async function openViewer(port: number): Promise<Viewer> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}?token=${TOKEN}&doc=index`, {
    origin: `http://127.0.0.1:${port}`,
  });
  const viewer: Viewer = { socket, versions: [], arrival: new Map() };
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; version?: number };
    if (message.type === 'update' && message.version !== undefined) {
      viewer.versions.push(message.version);
      viewer.arrival.set(message.version, Date.now());
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return viewer;
}

// The `<html>` start tag changes with every push, which no patch can carry: each push is sent whole.
const page = (i: number): string => `<html data-push="${i}"><body><p>push ${i}</p><div>${filler}</div></body></html>`;

function push(port: number, html: string): Promise<{ status: number; version: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: PUSH_PATH,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'text/html',
          'content-length': Buffer.byteLength(html),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, version: (JSON.parse(text) as { version: number }).version }),
        );
      },
    );
    req.on('error', reject);
    req.end(html);
  });
}

describe('a slow reader during 1,000 pushes', () => {
  let server: LivePreviewServer;
  const viewers: Viewer[] = [];

  before(async () => {
    server = new LivePreviewServer({ port: 0, token: TOKEN, push: true, maxBufferedBytes: CAP });
    await server.start();
  });
  after(async () => {
    for (const viewer of viewers) viewer.socket.close();
    await server.stop();
  });

  it('delivers every version to the others on time, bounds memory, and resyncs the slow one', async () => {
    for (let i = 0; i < 3; i += 1) viewers.push(await openViewer(server.port));
    const first = viewers[0] as Viewer;
    // A raw socket whose bytes the test never consumes: the kernel buffers fill, then the server's.
    const slow = await openRawWebSocket(server.port, TOKEN);
    slow.pause();
    gc();
    const baseline = process.memoryUsage();
    const lags: number[] = [];
    let last = 0;
    for (let i = 0; i < PUSHES; i += 1) {
      const answered = await push(server.port, page(i));
      assert.equal(answered.status, 200);
      last = answered.version;
      const pushedAt = Date.now();
      // Wait for the first viewer every 50 pushes, so lag is measured while the slow one is stuck.
      if (i % 50 === 0) {
        await poll(() => first.arrival.has(last), { timeout: 2000, message: `version of push ${i}` });
        lags.push((first.arrival.get(last) ?? pushedAt) - pushedAt);
      }
    }
    for (const viewer of viewers) {
      await poll(() => viewer.versions.at(-1) === last, { timeout: 5000, message: 'the last version' });
      assert.equal(viewer.versions.length, PUSHES, 'a reading viewer gets every version');
    }
    const worst = Math.max(...lags);
    assert.ok(worst < 500, `a viewer waited ${worst} ms for a version`);
    assert.ok(server.stats().clients.stale >= 1, 'the slow reader was marked stale and skipped');
    gc();
    const grown = process.memoryUsage();
    const growth = grown.heapUsed + grown.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers);
    // 1,000 × 24 KB = 24 MB went to each viewer; the slow one holds at most the cap plus one frame.
    assert.ok(growth < 16 * 1024 * 1024, `memory grew by ${(growth / 1e6).toFixed(1)} MB`);

    // Reading again, the slow viewer is handed the latest version (not every missed one).
    const received = (): string => slow.received().toString('latin1');
    slow.resume();
    await poll(() => received().includes(`push ${PUSHES - 1}<`), {
      timeout: 10_000,
      message: 'the slow viewer catches up',
    });
    assert.ok(received().split('"type":"update"').length - 1 < PUSHES, 'it skipped the versions it could not take');
    await poll(() => server.stats().clients.stale === 0, { message: 'no stale client left' });
    slow.destroy();
  });
});
