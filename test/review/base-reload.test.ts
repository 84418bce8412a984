/**
 * The redline renderer keeps the base revision parsed between saves, and reads it again when it
 * changes: a base file written anew, or a git revision that moved to another commit.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRedlineRenderer } from '../../src/review/redline-renderer.js';
import { renderFile } from '../../src/sop/index.js';
import { poll } from '../helpers/poll.js';
import { gitRepoWithEdit } from './git-repo.js';
import { BASE_SOP, edit } from './redline-helpers.js';

const EDITED = edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for ten minutes.');

/** The change summary's items of `file` redlined by `redliner`, as text. */
async function summaryOf(redliner: Awaited<ReturnType<typeof createRedlineRenderer>>, file: string): Promise<string> {
  const page = await renderFile(file, { embedTheme: true });
  assert.ok(page.ok);
  const { sections } = await redliner.redline(file, page.html);
  return sections.length === 0 ? 'no changes' : sections.map((section) => section.title).join(', ');
}

describe('redline base reload', () => {
  it('reads a base file again once it is written, not before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sop-preview-base-reload-'));
    try {
      const base = join(dir, 'approved.sop.yaml');
      const file = join(dir, 'cleaning.sop.yaml');
      await writeFile(base, BASE_SOP);
      await writeFile(file, EDITED);
      const redliner = await createRedlineRenderer({ compare: base, cwd: dir, render: { embedTheme: true } });
      assert.notEqual(await summaryOf(redliner, file), 'no changes');
      await writeFile(base, await readFile(file, 'utf8'));
      assert.equal(await summaryOf(redliner, file), 'no changes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('follows a git revision that moves to a new commit', async () => {
    const repo = await gitRepoWithEdit(EDITED);
    try {
      const redliner = await createRedlineRenderer({ compare: 'HEAD', cwd: repo.dir, render: { embedTheme: true } });
      assert.notEqual(await summaryOf(redliner, repo.file), 'no changes');
      execFileSync(
        'git',
        ['-C', repo.dir, '-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'commit', '-qam', 'next'],
        {
          stdio: 'pipe',
        },
      );
      // The commit id is checked again at most once a second, in the background.
      await poll(async () => (await summaryOf(redliner, repo.file)) === 'no changes', {
        timeout: 15_000,
        interval: 200,
        message: 'the redline against the new HEAD',
      });
    } finally {
      await repo.cleanup();
    }
  });
});
