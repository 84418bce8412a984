import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostAllowed, parseHostHeader } from './host-check.js';

describe('host check', () => {
  it('parses names, IPv4 and bracketed IPv6 with optional ports', () => {
    assert.deepEqual(parseHostHeader('LocalHost:8080'), { hostname: 'localhost', port: 8080 });
    assert.deepEqual(parseHostHeader('127.0.0.1'), { hostname: '127.0.0.1', port: null });
    assert.deepEqual(parseHostHeader('[::1]:9'), { hostname: '::1', port: 9 });
  });

  it('rejects malformed values instead of throwing', () => {
    for (const bad of [
      undefined,
      '',
      '[::1',
      '[::1]x',
      '::1',
      'a b',
      'host:',
      'host:99999',
      'host:1:2',
      '[evil]',
      'a/b',
    ]) {
      assert.equal(parseHostHeader(bad), null, String(bad));
    }
  });

  it('allows loopback names and addresses plus the extra list, nothing else', () => {
    const extra = new Set(['preview.test']);
    for (const ok of ['localhost:1', 'app.localhost', '127.0.0.1:8080', '127.9.9.9', '[::1]:80', 'preview.test:8']) {
      assert.ok(isHostAllowed(ok, extra), ok);
    }
    for (const no of ['evil.example', 'localhost.evil.example', '128.0.0.1', '[::2]', '10.0.0.1', '[::1']) {
      assert.ok(!isHostAllowed(no, extra), no);
    }
  });
});
