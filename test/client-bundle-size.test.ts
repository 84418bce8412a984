/** The browser client stays small (issue acceptance 8): `dist/client.js` gzips to at most 20 KB. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { it } from 'node:test';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 20 * 1024;

it('dist/client.js is at most 20 KB gzipped', async () => {
  // run-tests builds first, so this is the bundle the server would serve.
  const bundle = await readFile(new URL('../dist/client.js', import.meta.url));
  assert.ok(bundle.length > 1000, `bundle looks empty (${bundle.length} bytes)`);
  const gzipped = gzipSync(bundle, { level: 9 }).length;
  assert.ok(gzipped <= LIMIT_BYTES, `client.js is ${gzipped} bytes gzipped, limit ${LIMIT_BYTES}`);
});
