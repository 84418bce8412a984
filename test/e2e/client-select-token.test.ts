/**
 * The reader's `<select>` choices survive live updates, in real Chromium against the real server.
 * (A server that restarted with another token is covered by `client-restart-token.test.ts`.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked, type TrackedPage, waitFor } from '../helpers/browser.js';
import { badge, inPage } from '../helpers/page-eval.js';
import { previewSession } from '../helpers/preview-session.js';

const version = (page: Page) => inPage<number>(page, 'window.__SOP_PREVIEW_STATE__.version');

/** Waits until the page shows `next` (the client reports it after applying). */
async function waitForVersion(tracked: TrackedPage, next: number): Promise<void> {
  await waitFor(
    async () => (await version(tracked.page)) === next,
    5000,
    `version ${next}\n${tracked.logs.join('\n')}`,
  );
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
    '<!doctype html><html><head><title>Select</title></head><body><main>' +
    `<section data-block="form"><h2 id="rev">${rev}</h2>` +
    `<select id="one" title="${rev}">${options(['a', 'b', 'c'], [])}</select>` +
    `<select id="many" multiple title="${rev}">${options(['a', 'b', 'c', 'd'], ['b'])}</select>` +
    `<select id="plain" title="${rev}">${options(['x', 'y', 'z'], [plainPick])}</select>` +
    `</section>${FILLER}</main><footer>${footer}</footer></body></html>`
  );
}

/** The selected values of each select, as the page shows them. */
const selections = (page: Page) =>
  inPage<Record<string, string[]>>(
    page,
    `Object.fromEntries(['one', 'many', 'plain'].map((id) => [id,
      Array.from(document.getElementById(id).selectedOptions, (option) => option.value)]))`,
  );

describe('client keeps select choices', () => {
  const session = previewSession();

  for (const kind of ['patch', 'update'] as const) {
    it(`keeps the reader's single and multiple select choices across a ${kind}`, async () => {
      const server = new LivePreviewServer({ port: 0, host: '127.0.0.1', client: { debug: true } });
      session.track(server);
      server.updateContent(formDoc({ rev: 'r1', plainPick: 'x', footer: 'f1' }));
      await server.start();
      const tracked = await openTracked(session.browser, server.url);
      const { page } = tracked;
      await waitFor(async () => (await badge(page)).state === 'live', 5000, 'badge live');
      await page.selectOption('#one', 'c');
      await page.selectOption('#many', ['a', 'c']);

      // Two revisions: the second proves the first morph left the document's defaults intact.
      for (const [rev, plainPick] of [
        ['r2', 'z'],
        ['r3', 'y'],
      ] as const) {
        const footer = kind === 'update' ? `f-${rev}` : 'f1';
        const { version: next } = server.updateContent(formDoc({ rev, plainPick, footer }));
        await waitForVersion(tracked, next);
        assert.ok(
          tracked.logs.some((line) => line.includes(`<- ${kind} v${next}`)),
          `expected a ${kind}:\n${tracked.logs.join('\n')}`,
        );
        assert.equal(await page.textContent('#rev'), rev);
        assert.equal(await page.getAttribute('#one', 'title'), rev, 'the select itself was re-rendered');
        assert.deepEqual(await selections(page), { one: ['c'], many: ['a', 'c'], plain: [plainPick] }, rev);
      }
      assert.equal(tracked.navigations(), 0);
    });
  }
});
