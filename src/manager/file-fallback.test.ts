import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileFallback } from './file-fallback.js';

const moduleUrl = new URL('./file-fallback.ts', import.meta.url).href;

/** Runs a child that creates a fallback, prints its folder, then ends as `how` says. */
async function childFolder(how: 'exit' | 'SIGTERM'): Promise<{ folder: string; code: number | string }> {
  const script = `
    const { FileFallback } = await import(${JSON.stringify(moduleUrl)});
    const fallback = await FileFallback.create();
    await fallback.write('<p>x</p>');
    console.log(fallback.folder);
    ${how === 'exit' ? 'process.exit(0);' : 'setInterval(() => {}, 1000);'}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const folder = await new Promise<string>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    }),
  );
  if (how === 'SIGTERM') child.kill('SIGTERM');
  const code = await new Promise<number | string>((resolve) => child.on('exit', (c, s) => resolve(c ?? s ?? -1)));
  return { folder, code };
}

describe('FileFallback', () => {
  it('writes atomically (no temp files left) with the reload script, a base URL and an error banner', async () => {
    const fallback = await FileFallback.create({ refreshMs: 250, baseDir: '/srv/docs' });
    try {
      const path = await fallback.write('<html><head><title>t</title></head><body><p>ok</p></body></html>', {
        error: { code: 'SOP_ERR_SCHEMA', message: '<script>alert(1)</script>', file: 'a.sop.yaml', line: 2, column: 5 },
      });
      const html = await readFile(path, 'utf8');
      assert.match(html, /<head><base data-sop-preview href="file:\/\/\/srv\/docs\/">/);
      assert.match(html, /location\.reload\(\);},250\)/);
      assert.match(html, /a\.sop\.yaml:2:5/);
      assert.ok(!html.includes('<script>alert(1)</script>'), 'error text is escaped');
      assert.ok(html.trimEnd().endsWith('</body></html>'));
      assert.deepEqual(await readdir(fallback.folder), ['index.html']);
    } finally {
      await fallback.dispose();
    }
  });

  it('maps documents to files inside its folder and refuses names that escape it', async () => {
    const fallback = await FileFallback.create();
    try {
      assert.equal(fallback.pathFor('index'), join(fallback.folder, 'index.html'));
      assert.equal(fallback.pathFor('lab/ph.html'), join(fallback.folder, 'lab', 'ph.html'));
      await fallback.write('<p>nested</p>', { doc: 'lab/ph.html' });
      assert.match(await readFile(join(fallback.folder, 'lab', 'ph.html'), 'utf8'), /^<p>nested<\/p><script/);
      assert.throws(() => fallback.pathFor('../../etc/passwd'), RangeError);
    } finally {
      await fallback.dispose();
    }
    assert.equal(existsSync(fallback.folder), false);
  });

  it('removes its folder when the process exits without dispose()', async () => {
    const { folder, code } = await childFolder('exit');
    assert.equal(code, 0);
    assert.ok(folder.includes('sop-preview-'));
    assert.equal(existsSync(folder), false);
  });

  it('removes its folder on SIGTERM and still lets the signal end the process', async () => {
    const { folder, code } = await childFolder('SIGTERM');
    assert.equal(code, 'SIGTERM');
    assert.equal(existsSync(folder), false);
  });
});
