import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { PushErrorCode } from '../../src/shared/error-codes.js';
import { connectClient, withoutKeys } from './server-helpers.js';

interface PushOptions {
  token?: string | null;
  headers?: Record<string, string>;
  body?: Buffer | string;
  doc?: string;
  /** Send without Content-Length (chunked). */
  chunked?: boolean;
}

/** PUTs a body and resolves with the status and JSON answer, even if the server cuts the upload. */
function push(server: LivePreviewServer, options: PushOptions = {}): Promise<{ status: number; body: unknown }> {
  const body = typeof options.body === 'string' ? Buffer.from(options.body) : (options.body ?? Buffer.alloc(0));
  const token = options.token === undefined ? server.token : options.token;
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...(options.chunked ? {} : { 'content-length': String(body.length) }),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const path = `/__preview/content${options.doc ? `?doc=${encodeURIComponent(options.doc)}` : ''}`;
    const req = request({ host: '127.0.0.1', port: server.port, method: 'PUT', path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text });
      });
      res.on('error', reject);
    });
    // The server may close the connection mid-upload after refusing it; the response still arrives.
    req.on('error', () => undefined);
    if (options.chunked) {
      const piece = 64 * 1024;
      for (let at = 0; at < body.length; at += piece) req.write(body.subarray(at, at + piece));
      req.end();
    } else req.end(body);
  });
}

const html = (text: string): string => `<html><body><main><p data-block="p">${text}</p></main></body></html>`;

describe('push API', () => {
  const server = new LivePreviewServer({ port: 0, push: true });
  before(() => server.start());
  after(() => server.stop());

  const currentHtml = async (): Promise<string> => (await fetch(server.url)).text();

  it('accepts HTML with the token and sends it to viewers', async () => {
    const client = await connectClient(server);
    await client.waitFor((m) => m.type === 'hello', 'hello');
    const answer = await push(server, { body: html('pushed') });
    assert.equal(answer.status, 200);
    const { version } = answer.body as { version: number };
    assert.equal(version, server.stats().documents.index?.version);
    const update = await client.waitFor((m) => m.type === 'update' && m.version === version, 'pushed update');
    assert.ok(update.type === 'update' && withoutKeys(update.html) === html('pushed'));
    const lab = await push(server, { body: html('lab'), doc: 'lab/ph.html' });
    assert.deepEqual(lab, { status: 200, body: { version: server.stats().documents['lab/ph.html']?.version } });
    assert.ok(server.documents().includes('lab/ph.html'));
    client.socket.close();
    await client.closed;
  });

  it('refuses a missing or wrong token, cross-site requests and form content types', async () => {
    const version = server.stats().documents.index?.version;
    assert.equal((await push(server, { token: null, body: html('no token') })).status, 401);
    assert.equal((await push(server, { token: `${server.token}x`, body: html('wrong') })).status, 401);
    assert.equal(
      (await push(server, { headers: { authorization: server.token }, body: html('not bearer') })).status,
      401,
    );
    const crossSite = await push(server, { headers: { 'sec-fetch-site': 'cross-site' }, body: html('csrf') });
    assert.equal(crossSite.status, 403);
    assert.equal((await push(server, { headers: { 'sec-fetch-site': 'same-site' }, body: html('csrf') })).status, 403);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      assert.equal((await push(server, { headers: { 'content-type': type }, body: html('form') })).status, 415, type);
    }
    assert.equal((await push(server, { headers: { 'sec-fetch-site': 'none' }, body: html('typed') })).status, 200);
    assert.equal(server.stats().documents.index?.version, (version ?? 0) + 1);
    const page = await currentHtml();
    for (const text of ['no token', 'wrong', 'not bearer', 'csrf', 'form']) assert.ok(!page.includes(text), text);
  });

  it('answers every refusal with a stable code and a message in its JSON body', async () => {
    const cases: Array<[string, PushOptions, number, string]> = [
      ['no token', { token: null }, 401, PushErrorCode.Token],
      ['cross-site', { headers: { 'sec-fetch-site': 'cross-site' } }, 403, PushErrorCode.CrossSite],
      ['a form type', { headers: { 'content-type': 'text/plain' } }, 415, PushErrorCode.ContentType],
      ['a bad document name', { doc: 'a/../b' }, 400, PushErrorCode.DocName],
      ['a declared oversized body', { headers: { 'content-length': String(2 ** 30) } }, 413, PushErrorCode.TooLarge],
    ];
    for (const [what, options, status, code] of cases) {
      const answer = await push(server, { body: html(what), ...options });
      assert.equal(answer.status, status, what);
      const body = answer.body as { code?: unknown; error?: unknown };
      assert.equal(body.code, code, what);
      assert.equal(typeof body.error, 'string', what);
    }
    const post = await fetch(new URL('__preview/content', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
      body: html('post'),
    });
    assert.equal(post.status, 405);
    assert.equal(((await post.json()) as { code?: unknown }).code, PushErrorCode.Method);
  });

  it('documents every push error code in docs/errors.md', async () => {
    const docs = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    for (const code of Object.values(PushErrorCode)) assert.ok(docs.includes(`\`${code}\``), code);
  });

  it('refuses a 25 MB body with 413 and keeps the document', async () => {
    const before = await currentHtml();
    const version = server.stats().documents.index?.version;
    const huge = Buffer.alloc(25 * 1024 * 1024, 'a');
    const answer = await push(server, { body: huge });
    assert.equal(answer.status, 413);
    assert.equal(server.stats().documents.index?.version, version);
    assert.equal(await currentHtml(), before);
  });

  it('gives up on a body that does not arrive in time with 408', async () => {
    const slow = new LivePreviewServer({ port: 0, push: true, pushTimeoutMs: 100 });
    await slow.start();
    const before = slow.stats().documents.index?.version;
    try {
      const answer = await new Promise<{ status: number; code: unknown }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: slow.port,
            method: 'PUT',
            path: '/__preview/content',
            agent: false,
            headers: { authorization: `Bearer ${slow.token}`, 'content-type': 'text/html', 'content-length': '100' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, code: JSON.parse(Buffer.concat(chunks).toString()).code }),
            );
          },
        );
        req.on('error', reject);
        req.write('<html>');
      });
      assert.deepEqual(answer, { status: 408, code: PushErrorCode.Timeout });
      assert.equal(slow.stats().documents.index?.version, before);
    } finally {
      await slow.stop();
    }
  });

  it('is not routed when push is off', async () => {
    const quiet = new LivePreviewServer({ port: 0 });
    await quiet.start();
    try {
      assert.equal((await push(quiet, { body: html('x') })).status, 404);
    } finally {
      await quiet.stop();
    }
  });

  it('lets a client that keeps streaming an oversized body read its 413 (no reset)', async () => {
    const before = server.stats().documents.index?.version;
    const outcome = await new Promise<{ status: number; error?: string }>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'PUT',
          path: '/__preview/content',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/html' },
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on('error', (error) => resolve({ status: 0, error: error.message }));
      // 25 MB streamed in 64 KB pieces, respecting backpressure, as an uploading program would.
      const piece = Buffer.alloc(64 * 1024, 'x');
      let left = 400;
      const pump = (): void => {
        while (left > 0) {
          left -= 1;
          if (!req.write(piece)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    assert.deepEqual(outcome, { status: 413 });
    assert.equal(server.stats().documents.index?.version, before);
  });

  it('stops reading a chunked body over the limit', async () => {
    const small = new LivePreviewServer({ port: 0, push: true, pushBodyLimit: 100_000 });
    await small.start();
    const before = small.stats().documents.index?.version;
    try {
      const answer = await push(small, { body: Buffer.alloc(1024 * 1024, 'b'), chunked: true });
      assert.equal(answer.status, 413);
      assert.equal(small.stats().documents.index?.version, before);
      assert.equal((await push(small, { body: html('fits'), chunked: true })).status, 200);
    } finally {
      await small.stop();
    }
  });
});

describe('LAN mode token flow (requireToken on a loopback alias)', () => {
  const server = new LivePreviewServer({ port: 0, host: '127.0.0.2', requireToken: true });
  before(() => server.start());
  after(() => server.stop());

  it('needs the token once, then a cookie, and strips it from the URL', async () => {
    const base = `http://127.0.0.2:${server.port}`;
    assert.equal(server.url, `${base}/`);
    assert.equal((await fetch(`${base}/`)).status, 401);
    assert.equal((await fetch(`${base}/__preview/status`)).status, 401);
    assert.equal((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status, 401);
    const first = await fetch(`${base}/?token=${encodeURIComponent(server.token)}&view=1`, { redirect: 'manual' });
    assert.equal(first.status, 302);
    assert.equal(first.headers.get('location'), '/?view=1');
    const cookie = first.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^sop_preview_token=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const pair = cookie.split(';')[0] ?? '';
    const page = await fetch(`${base}/?view=1`, { headers: { cookie: pair } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /data-sop-preview/);
    assert.equal((await fetch(`${base}/__preview/status`, { headers: { cookie: pair } })).status, 200);
    assert.equal((await fetch(`${base}/`, { headers: { cookie: 'sop_preview_token=nope' } })).status, 401);
  });

  it('does not need the token for HTTP in loopback mode by default', async () => {
    const local = new LivePreviewServer({ port: 0 });
    await local.start();
    try {
      assert.equal((await fetch(local.url)).status, 200);
    } finally {
      await local.stop();
    }
  });
});
