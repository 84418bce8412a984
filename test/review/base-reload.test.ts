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

/** A 1×1 PNG. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const EDITED = edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for ten minutes.');

/** The change summary's items of `file` redlined by `redliner`, as text. */
async function summaryOf(redliner: Awaited<ReturnType<typeof createRedlineRenderer>>, file: string): Promise<string> {
  const page = await renderFile(file, { embedTheme: true });
  assert.ok(page.ok);
  const { sections } = await redliner.redline(file, page.html);
  return sections.length === 0 ? 'no changes' : sections.map((section) => section.title).join(', ');
}

describe('redline renderer: the base page', () => {
  it("carries the current page's image cache busters, so a busted image is no change", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sop-preview-base-busters-'));
    try {
      const withImages = edit(
        BASE_SOP,
        '        text: Switch the balance off and unplug it.\n',
        '        text: Switch the balance off and unplug it.\n        image: { src: plug.png, alt: Plug }\n',
      ).replace(
        'Let them dry for five minutes.',
        'Let them dry for five minutes.\n        image: { src: dry.png, alt: Drying }',
      );
      const base = join(dir, 'approved.sop.yaml');
      const file = join(dir, 'cleaning.sop.yaml');
      await writeFile(base, withImages);
      await writeFile(file, withImages);
      for (const image of ['plug.png', 'dry.png']) await writeFile(join(dir, image), PIXEL);
      const redliner = await createRedlineRenderer({ compare: base, cwd: dir, render: { embedMedia: false } });
      const page = await renderFile(file, { embedMedia: false });
      assert.ok(page.ok);
      // What the preview serves: each linked image with its modification time as a query.
      const busted = page.html
        .replace('src="plug.png"', 'src="plug.png?v=11"')
        .replace('src="dry.png"', 'src="dry.png?v=12"');
      assert.notEqual(busted, page.html);
      const { sections, html } = await redliner.redline(file, busted);
      assert.deepEqual(sections, []);
      assert.match(html, /src="plug\.png\?v=11"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

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
