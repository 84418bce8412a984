import assert from 'node:assert/strict';
import { mkdtemp, rename, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { poll } from '../../test/helpers/poll.js';
import { type FileChangeKind, FileWatcher } from './watcher.js';

describe('FileWatcher', () => {
  let dir: string;
  let watcher: FileWatcher;
  const events: Array<[string, FileChangeKind]> = [];
  const count = (path: string): number => events.filter(([p]) => p === path).length;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-watch-'));
    await writeFile(join(dir, 'doc.md'), '# one');
    await writeFile(join(dir, 'img.png'), 'png');
    await writeFile(join(dir, 'other.txt'), 'x');
    watcher = new FileWatcher((path, kind) => events.push([path, kind]));
    watcher.setFiles([join(dir, 'doc.md'), join(dir, 'img.png')]);
    await watcher.ready();
  });
  after(async () => {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a plain write of a watched file and ignores unwatched siblings', async () => {
    const doc = join(dir, 'doc.md');
    const before = count(doc);
    // The unwatched sibling is written first, so the awaited event is a barrier behind it.
    await writeFile(join(dir, 'other.txt'), 'y');
    await writeFile(doc, '# two');
    await poll(() => count(doc) > before, { message: 'write event' });
    assert.equal(count(join(dir, 'other.txt')), 0);
  });

  it('keeps reporting after an atomic save (write temp + rename over)', async () => {
    const doc = join(dir, 'doc.md');
    for (let round = 0; round < 3; round += 1) {
      const before = count(doc);
      await writeFile(join(dir, `.doc.md.tmp${round}`), `# atomic ${round}`);
      await rename(join(dir, `.doc.md.tmp${round}`), doc);
      await poll(() => count(doc) > before, { message: `atomic save ${round}` });
    }
  });

  it('reports delete, then re-create', async () => {
    const doc = join(dir, 'doc.md');
    await unlink(doc);
    await poll(() => events.some(([p, k]) => p === doc && k === 'unlink'), { message: 'unlink' });
    const before = count(doc);
    await writeFile(doc, '# back');
    await poll(() => count(doc) > before, { message: 're-create' });
    const after = count(doc);
    await writeFile(doc, '# changed after re-create');
    await poll(() => count(doc) > after, { message: 'write after re-create' });
  });

  it('reports truncate-then-write and asset edits', async () => {
    const doc = join(dir, 'doc.md');
    const before = count(doc);
    await truncate(doc, 0);
    await writeFile(doc, '# refilled');
    await poll(() => count(doc) > before, { message: 'truncate + write' });
    const img = join(dir, 'img.png');
    const imgBefore = count(img);
    await writeFile(img, 'png2');
    await poll(() => count(img) > imgBefore, { message: 'image edit' });
  });

  it('follows setFiles: dropped files go quiet, new ones report', async () => {
    const img = join(dir, 'img.png');
    const other = join(dir, 'other.txt');
    watcher.setFiles([join(dir, 'doc.md'), other]);
    const imgBefore = count(img);
    await writeFile(other, 'z');
    await poll(() => count(other) > 0, { message: 'newly watched file' });
    await writeFile(img, 'png3');
    await writeFile(other, 'zz');
    await poll(() => count(other) > 1, { message: 'second write' });
    assert.equal(count(img), imgBefore);
  });
});

describe('FileWatcher trees', () => {
  it('reports files added under a watched folder, filtered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sop-preview-tree-'));
    const seen: string[] = [];
    const watcher = new FileWatcher((path) => seen.push(path), {
      trees: [dir],
      treeFilter: (path) => path.endsWith('.md'),
    });
    try {
      await watcher.ready();
      // The filtered-out file is written first: once the later file is reported, an event for it
      // would have arrived too, so its absence means the filter held, not that it is late.
      await writeFile(join(dir, 'skip.txt'), 'x');
      await writeFile(join(dir, 'new.md'), '# new');
      await poll(() => seen.includes(join(dir, 'new.md')), { message: 'tree add' });
      assert.ok(!seen.includes(join(dir, 'skip.txt')));
    } finally {
      await watcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
