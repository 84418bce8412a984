import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientBootstrap } from '../../shared/protocol.js';
import { injectClient } from './inject-client.js';

const bootstrap: ClientBootstrap = {
  token: 't',
  doc: '</script><script>alert(1)</script>\u2028&',
  version: 3,
  mode: 'morph',
  badge: true,
  flash: true,
  highlight: true,
  overlay: true,
  debug: false,
  themes: [],
};

describe('injectClient', () => {
  it('inserts before the last </body> and escapes the bootstrap so it cannot end the script', () => {
    const out = injectClient('<html><body><p>x</p></BODY></html>', bootstrap);
    assert.match(
      out,
      /<p>x<\/p><script data-sop-preview>window.__SOP_PREVIEW__=.*<\/script><script data-sop-preview src="\/__preview\/client.js"><\/script><\/BODY><\/html>$/,
    );
    const json = /__SOP_PREVIEW__=(.*?)<\/script>/.exec(out)?.[1] ?? '';
    assert.ok(!/[<>&\u2028]/.test(json), json);
    assert.deepEqual(JSON.parse(json), bootstrap);
  });

  it('appends when there is no </body>', () => {
    assert.match(injectClient('<p>fragment</p>', bootstrap), /^<p>fragment<\/p><script data-sop-preview>/);
  });
});
