/**
 * `sop-preview build --compare HEAD` in a real temporary git repository: the committed SOP is
 * the base, the modified one on disk is redlined against it; a bad revision is a clear error.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli/spawn-cli.js';
import { gitRepoWithEdit } from './git-repo.js';
import { BASE_SOP, edit, marks } from './redline-helpers.js';

describe('build --compare <git revision>', () => {
  let repo: Awaited<ReturnType<typeof gitRepoWithEdit>>;
  before(async () => {
    repo = await gitRepoWithEdit(edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for ten minutes.'));
  });
  after(() => repo.cleanup());

  it('redlines the working file against HEAD, run from outside the repository', async () => {
    const out = join(repo.dir, 'out');
    const result = await runCli(['build', repo.file, '--compare', 'HEAD', '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const html = await readFile(join(out, 'cleaning.html'), 'utf8');
    assert.deepEqual(
      marks(html).map((m) => `${m.key}:${m.mark}`),
      ['step-wipe:changed'],
    );
    assert.match(html, /Let them dry for <del>five<\/del><ins>ten<\/ins> minutes\./);
    assert.match(html, /Changes since HEAD/);
  });

  it('an unknown revision fails with PREVIEW_ERR_COMPARE and writes nothing', async () => {
    const out = join(repo.dir, 'out-bad');
    const result = await runCli(['build', repo.file, '--compare', 'no-such-tag', '--out', out]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--compare no-such-tag: .*\[PREVIEW_ERR_COMPARE\]/);
    await assert.rejects(readFile(join(out, 'cleaning.html')));
  });
});
