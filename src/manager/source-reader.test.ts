import assert from 'node:assert/strict';
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SourceReader } from './source-reader.js';

describe('SourceReader', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-reader-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads UTF-8 text of any size, says when the bytes did not change, and forgets on request', async () => {
    const reader = new SourceReader();
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    // Larger than the first read buffer, with multi-byte characters across its boundaries.
    const big = `<p>${'µ°–✓ Schritt für Schritt '.repeat(12_000)}</p>`;
    await writeFile(a, big);
    await writeFile(b, '<p>b</p>');
    assert.deepEqual(await reader.read(a), { kind: 'text', text: big, bytes: Buffer.byteLength(big), settled: true });
    assert.deepEqual(await reader.read(b), { kind: 'text', text: '<p>b</p>', bytes: 8, settled: true });
    assert.deepEqual(await reader.read(a), { kind: 'same', text: big, bytes: Buffer.byteLength(big) });
    // Same length, one byte different: not the same.
    const edited = `${big.slice(0, -5)}X</p>`.replace('µ', 'u');
    await writeFile(a, edited);
    const read = await reader.read(a);
    assert.equal(read.kind, 'text');
    assert.equal(read.kind === 'text' && read.text, edited);
    assert.equal((await reader.read(b)).kind, 'same');
    reader.forget(b);
    assert.equal((await reader.read(b)).kind, 'text');
    // A forgotten file's buffer is reused: reading the big file again after forgetting it is exact.
    reader.forget(a);
    assert.deepEqual(await reader.read(b), { kind: 'same', text: '<p>b</p>', bytes: 8 });
    assert.deepEqual(await reader.read(a), {
      kind: 'text',
      text: edited,
      bytes: Buffer.byteLength(edited),
      settled: true,
    });
    await writeFile(b, big);
    assert.deepEqual(await reader.read(b), { kind: 'text', text: big, bytes: Buffer.byteLength(big), settled: true });
    assert.equal((await reader.read(a)).kind, 'same', 'a is intact after b took a buffer');
  });

  it('lets the caller turn a read down from its end, before decoding; a declined read is not remembered', async () => {
    const reader = new SourceReader();
    const file = join(dir, 'declined.html');
    const whole = `<html><body>${'<p>ü</p>'.repeat(20_000)}</body></html>\n`;
    await writeFile(file, whole);
    const probes: { settled: boolean; tail: string }[] = [];
    const endsPage = (probe: { settled: boolean; tail: string }) => {
      probes.push(probe);
      return probe.tail.trimEnd().endsWith('</html>');
    };
    assert.equal((await reader.read(file, { accept: endsPage })).kind, 'text');
    assert.deepEqual(probes, [{ settled: true, tail: Buffer.from(whole).subarray(-64).toString() }]);
    const cut = whole.slice(0, 70_001);
    await writeFile(file, cut);
    assert.deepEqual(await reader.read(file, { accept: endsPage }), { kind: 'declined', settled: true });
    // The declined bytes were not remembered: the whole page again is the same as the last accepted read.
    await writeFile(file, whole);
    assert.deepEqual(await reader.read(file, { accept: endsPage }), {
      kind: 'same',
      text: whole,
      bytes: Buffer.byteLength(whole),
    });
    await writeFile(file, cut);
    const taken = await reader.read(file, { accept: () => true });
    assert.equal(taken.kind === 'text' && taken.text, cut);
  });

  it('reports an empty, a missing and an unreadable file without throwing', async () => {
    const reader = new SourceReader();
    const empty = join(dir, 'empty.html');
    await writeFile(empty, '');
    assert.deepEqual(await reader.read(empty), { kind: 'empty' });
    await unlink(empty);
    assert.deepEqual(await reader.read(empty), { kind: 'missing' });
    const folder = await reader.read(dir);
    assert.equal(folder.kind, 'failed');
    assert.equal(folder.kind === 'failed' && folder.error.code, 'EISDIR');
  });
});
