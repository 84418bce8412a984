import assert from 'node:assert/strict';
import { it } from 'node:test';
import { resolveBootstrap } from './bootstrap.js';

it('fills every field from defaults when the bootstrap is missing', () => {
  assert.deepEqual(resolveBootstrap(undefined), {
    token: '',
    doc: 'index',
    version: 0,
    mode: 'morph',
    badge: true,
    flash: true,
    highlight: true,
    overlay: true,
    debug: false,
    themes: [],
  });
});

it('keeps well-typed fields and replaces wrongly typed ones', () => {
  const resolved = resolveBootstrap({
    token: 't',
    doc: 'lab/ph.html',
    version: 7,
    mode: 'reload',
    flash: false,
    badge: 'no',
  });
  assert.equal(resolved.token, 't');
  assert.equal(resolved.doc, 'lab/ph.html');
  assert.equal(resolved.version, 7);
  assert.equal(resolved.mode, 'reload');
  assert.equal(resolved.flash, false);
  assert.equal(resolved.badge, true);
  assert.equal(resolveBootstrap({ mode: 'other' }).mode, 'morph');
  assert.deepEqual(resolveBootstrap({ themes: ['default', 'dark'] }).themes, ['default', 'dark']);
  assert.deepEqual(resolveBootstrap({ themes: ['dark', 3] }).themes, []);
});
