/**
 * A throwaway git repository with the fixture SOP committed, for the `--compare <revision>` tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_SOP } from './redline-helpers.js';

/** A repository in a temp folder: `file` committed as the fixture, then `edited` on disk. */
export async function gitRepoWithEdit(
  edited: string,
): Promise<{ dir: string; file: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sop-preview-review-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], {
      stdio: 'pipe',
    });
  git('init', '-q');
  // The SOP sits in a subfolder: the revision path must be relative to the file's repository.
  const file = join(dir, 'sops', 'cleaning.sop.yaml');
  await mkdir(join(dir, 'sops'));
  await writeFile(file, BASE_SOP);
  git('add', '.');
  git('commit', '-q', '-m', 'approved revision');
  await writeFile(file, edited);
  return { dir, file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
