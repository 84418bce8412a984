import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveOptions } from './options.js';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveOptions();
    assert.equal(resolved.port, 8080);
    assert.equal(resolved.host, '127.0.0.1');
    assert.equal(resolved.strictPort, false);
    assert.equal(resolved.mode, 'morph');
    assert.equal(resolved.push, false);
    assert.equal(resolved.pushBodyLimit, 20 * 1024 * 1024);
    assert.equal(resolved.heartbeatMs, 30_000);
    assert.equal(resolved.maxBufferedBytes, 4 * 1024 * 1024);
    assert.equal(resolved.requireToken, false);
    assert.ok(resolved.token.length >= 32);
    assert.notEqual(resolveOptions().token, resolved.token);
  });

  it('requires the token for HTTP when bound beyond loopback, unless told otherwise', () => {
    assert.equal(resolveOptions({ host: '0.0.0.0' }).requireToken, true);
    assert.equal(resolveOptions({ host: '192.168.1.20' }).requireToken, true);
    assert.equal(resolveOptions({ host: '::1' }).requireToken, false);
    assert.equal(resolveOptions({ host: '0.0.0.0', requireToken: false }).requireToken, false);
  });

  it('takes the token from SOP_PREVIEW_TOKEN', () => {
    const saved = process.env.SOP_PREVIEW_TOKEN;
    process.env.SOP_PREVIEW_TOKEN = 'from-the-environment';
    try {
      assert.equal(resolveOptions().token, 'from-the-environment');
      assert.equal(resolveOptions({ token: 'explicit-token' }).token, 'explicit-token');
    } finally {
      if (saved === undefined) delete process.env.SOP_PREVIEW_TOKEN;
      else process.env.SOP_PREVIEW_TOKEN = saved;
    }
  });

  it('names the option in errors', () => {
    assert.throws(() => resolveOptions({ port: 70000 }), /"port"/);
    assert.throws(() => resolveOptions({ heartbeatMs: 0 }), /"heartbeatMs"/);
    assert.throws(() => resolveOptions({ token: 'short' }), /"token"/);
  });
});
