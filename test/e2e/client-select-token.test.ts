/**
 * The reader's `<select>` choices survive live updates, in every engine against the real server.
 * (A server that restarted with another token is covered by `client-restart-token.test.ts`.)
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import type { EnginePage } from '../helpers/engine.js';
import { forEachEngine } from '../helpers/engine-session.js';
import { attribute, badge, type Evaluates, inPage, selectValues, textContent } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const version = (page: Evaluates) => inPage<number>(page, 'window.__SOP_PREVIEW_STATE__.version');

/** Waits until the page shows `next` (the client reports it after applying). */
async function waitForVersion(page: EnginePage, next: number): Promise<void> {
  try {
    await poll(async () => (await version(page)) === next, { timeout: 10_000, message: `version ${next}` });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${(await page.logs()).join('\n')}`);
  }
}

interface FormOptions {
  /** Revision label; it is also each select's `title`, so every revision re-renders the selects. */
  rev: string;
  /** Option of `#plain` the document marks `selected`. */
  plainPick: string;
  /** Text outside every block: changing it forces a whole-document update instead of a patch. */
  footer: string;
}

const options = (values: readonly string[], selected: readonly string[]) =>
  values
    .map((value) => `<option value="${value}"${selected.includes(value) ? ' selected' : ''}>${value}</option>`)
    .join('');

// Steps that never change, so a patch of the form block is smaller than the whole document.
const FILLER = Array.from(
  { length: 30 },
  (_, i) => `<section data-block="s${i}"><p>Step ${i}: record the reading and initial the sheet.</p></section>`,
).join('');

/** A form block with a single select, a multiple select and one the reader never touches. */
function formDoc({ rev, plainPick, footer }: FormOptions): string {
  return (
    // The footer also stands in the <html> start tag: changing it forces a whole-document update.
    `<!doctype html><html data-footer="${footer}"><head><title>Select</title></head><body><main>` +
    `<section data-block="form"><h2 id="rev">${rev}</h2>` +
    `<select id="one" title="${rev}">${options(['a', 'b', 'c'], [])}</select>` +
    `<select id="many" multiple title="${rev}">${options(['a', 'b', 'c', 'd'], ['b'])}</select>` +
    `<select id="plain" title="${rev}">${options(['x', 'y', 'z'], [plainPick])}</select>` +
    `</section>${FILLER}</main><footer>${footer}</footer></body></html>`
  );
}

/** The selected values of each select, as the page shows them. */
const selections = (page: Evaluates) =>
  inPage<Record<string, string[]>>(
    page,
    `Object.fromEntries(['one', 'many', 'plain'].map((id) => [id,
      Array.from(document.getElementById(id).selectedOptions, (option) => option.value)]))`,
  );

forEachEngine('client keeps select choices', (session) => {
  for (const kind of ['patch', 'update'] as const) {
    it(`keeps the reader's single and multiple select choices across a ${kind}`, async () => {
      const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', client: { debug: true } });
      session.track(server);
      server.updateContent(formDoc({ rev: 'r1', plainPick: 'x', footer: 'f1' }));
      await server.start();
      const page = await session.open(server.url);
      await poll(async () => (await badge(page)).state === 'live', { timeout: 10_000, message: 'badge live' });
      await selectValues(page, '#one', ['c']);
      await selectValues(page, '#many', ['a', 'c']);

      // Two revisions: the second proves the first morph left the document's defaults intact.
      for (const [rev, plainPick] of [
        ['r2', 'z'],
        ['r3', 'y'],
      ] as const) {
        const footer = kind === 'update' ? `f-${rev}` : 'f1';
        const { version: next } = server.updateContent(formDoc({ rev, plainPick, footer }));
        await waitForVersion(page, next);
        const logs = await page.logs();
        assert.ok(
          logs.some((line) => line.includes(`<- ${kind} v${next}`)),
          `expected a ${kind}:\n${logs.join('\n')}`,
        );
        assert.equal(await textContent(page, '#rev'), rev);
        assert.equal(await attribute(page, '#one', 'title'), rev, 'the select itself was re-rendered');
        assert.deepEqual(await selections(page), { one: ['c'], many: ['a', 'c'], plain: [plainPick] }, rev);
      }
      assert.equal(await page.navigations(), 0);
    });
  }
});
