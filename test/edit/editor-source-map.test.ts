/**
 * Source map and scroll sync on a 300-step SOP, in YAML and in Markdown: clicking each of 20
 * random blocks in the preview puts the cursor on that block's first source line; moving the
 * cursor brings the block into view in the preview.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { poll } from '../helpers/poll.js';
import { cursorLine, editorSuite, gotoLine, openEditor } from './editor-page.js';
import { type LongSop, longMarkdown, longYaml } from './long-sop.js';

/** A small seeded generator, so a failure names blocks that can be clicked again. */
function picks(count: number, max: number, seed: number): number[] {
  let state = seed;
  const out = new Set<number>();
  while (out.size < count) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    out.add(1 + (state % max));
  }
  return [...out];
}

describe('sop-preview edit: source map and scroll sync (real Chromium)', () => {
  const suite = editorSuite();

  const cases: Array<[string, LongSop]> = [
    ['long.sop.yaml', longYaml()],
    ['long.sop.md', longMarkdown()],
  ];
  for (const [name, sop] of cases) {
    it(`${name}: clicking 20 random blocks puts the cursor on their first line; a cursor move reveals the block`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'sop-edit-map-'));
      const path = join(dir, name);
      await writeFile(path, sop.text);
      const run = await openEditor(suite.browser, path);
      try {
        const frame = run.preview();
        for (const n of picks(20, 300, name.length)) {
          const step = frame.locator('li.sop-step', { hasText: `Action ${n}.` }).first();
          await step.locator('.sop-step-text').first().click();
          const expected = sop.firstLine.get(n)!;
          await poll(async () => (await cursorLine(run.page)) === expected, {
            timeout: 5000,
            message: `cursor on line ${expected} for step ${n}`,
          });
        }
        for (const n of [275, 12, 150]) {
          await gotoLine(run.page, sop.firstLine.get(n)!);
          const inView = `(() => {
            const step = [...document.querySelectorAll('li.sop-step')].find((li) => li.querySelector('.sop-step-text')?.textContent === 'Action ${n}.');
            const r = step.getBoundingClientRect();
            return r.bottom > 0 && r.top < innerHeight;
          })()`;
          await poll(() => frame.evaluate(inView), { timeout: 5000, message: `step ${n} in view in the preview` });
        }
        assert.equal(run.previewNavigations(), 0);
      } finally {
        assert.equal(await run.stop(), 0, run.cli.stderr());
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
