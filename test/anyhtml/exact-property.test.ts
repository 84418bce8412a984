/**
 * Exact, always (issue 9 item 1): after any sequence of updates the live DOM equals a fresh load
 * of the current document, whatever the HTML. fast-check generates documents and saves of one or
 * more edits (`generated-html.ts`); each version goes through the real server into real Chromium and the
 * page is compared with a fresh parse. `ANYHTML_CASES` raises the number of cases (default 1,000;
 * a third of that for the pages with anchors left open).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildKeyedTree, type KeyedTree } from '../../src/server/diff/keyed-tree.js';
import { patchKeyedTree } from '../../src/server/diff/keyed-tree-update.js';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { previewSession } from '../helpers/preview-session.js';
import { changesMode, firstDifference, snapshotsAt } from './dom-snapshot.js';
import {
  applySave,
  documentOf,
  type GenEdit,
  type GenNode,
  genAnchorBody,
  genAnchorEdit,
  genBody,
  genEdit,
  genSave,
  genShell,
} from './generated-html.js';

const CASES = Number(process.env.ANYHTML_CASES ?? 1000);
// Replays a failure: set the seed (and path) fast-check printed.
const SEED =
  process.env.ANYHTML_SEED === undefined
    ? {}
    : { seed: Number(process.env.ANYHTML_SEED), path: process.env.ANYHTML_PATH };

/**
 * Frames of each kind the server sent, documents it could patch though an `<a>` was left open, and
 * saves whose tree was built one region at a time (several places changed apart).
 */
interface Tally {
  patch: number;
  update: number;
  reload: number;
  anchorPatchable: number;
  severalRegions: number;
}

describe('exact, always: generated documents and edits', () => {
  const session = previewSession();

  /** Shows `cases` generated documents and their edits, each compared with a fresh load. */
  async function checkExact(
    cases: number,
    bodies: fc.Arbitrary<GenNode[]>,
    edits: fc.Arbitrary<GenEdit>,
  ): Promise<{ tally: Tally; modeChanges: number; seconds: number }> {
    const server = session.track(
      new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
    );
    await server.start();
    server.updateContent('<!doctype html><html><head><title>t</title></head><body><p>start</p></body></html>');
    const tally: Tally = { patch: 0, update: 0, reload: 0, anchorPatchable: 0, severalRegions: 0 };
    server.on('update', (event: { kind: 'patch' | 'update' | 'reload' }) => {
      tally[event.kind] += 1;
    });
    const tracked = await openTracked(session.browser, server.url);
    const { page } = tracked;
    // A doctype added or removed changes the mode, which only a load can: the client reloads.
    let modeChanges = 0;
    let shown: KeyedTree | null = null;
    const show = async (html: string) => {
      if (html.includes('<a name=') && buildKeyedTree(html).unsafe === null) tally.anchorPatchable += 1;
      if (shown && (patchKeyedTree(shown, html)?.regions ?? 0) > 1) tally.severalRegions += 1;
      shown = buildKeyedTree(html);
      let loaded: Promise<unknown> | undefined;
      if (await changesMode(page, html)) {
        modeChanges += 1;
        loaded = page.waitForEvent('load');
      }
      const { version } = server.updateContent(html);
      await loaded;
      const { live, fresh } = await snapshotsAt(page, version, html);
      assert.ok(
        live === fresh,
        `live DOM differs from a fresh load, ${firstDifference(live, fresh)}\n--- document:\n${html}`,
      );
    };
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(
        genShell,
        bodies,
        // A save may change several places: each is one to three edits.
        fc.array(genSave(edits), { minLength: 1, maxLength: 3 }),
        async (shell, body, saves) => {
          await show(documentOf(shell, body));
          let current = body;
          for (const save of saves) {
            current = applySave(current, save);
            await show(documentOf(shell, current));
          }
        },
      ),
      { numRuns: cases, endOnFailure: true, ...SEED },
    );
    assert.equal(tracked.navigations(), modeChanges, 'a reload for each change of mode, and no other');
    await page.close();
    return { tally, modeChanges, seconds: (Date.now() - started) / 1000 };
  }

  it(`the live DOM equals a fresh load after every update (${CASES} cases)`, { timeout: 3_600_000 }, async () => {
    const { tally, modeChanges, seconds } = await checkExact(CASES, genBody, genEdit);
    console.log(
      `${CASES} cases in ${seconds.toFixed(1)} s; frames: ${JSON.stringify(tally)}; mode changes: ${modeChanges}`,
    );
    assert.ok(tally.patch > 0, 'some changes were sent as patches');
    assert.ok(tally.severalRegions > 0, 'some saves changed several places apart, patched one region at a time');
  });

  const anchorCases = Math.ceil(CASES / 3);
  it(`and on pages whose <a name/> leaves an <a> open (${anchorCases} cases)`, { timeout: 3_600_000 }, async () => {
    const { tally, modeChanges, seconds } = await checkExact(anchorCases, genAnchorBody, genAnchorEdit);
    console.log(
      `${anchorCases} anchor cases in ${seconds.toFixed(1)} s; frames: ${JSON.stringify(tally)}; mode changes: ${modeChanges}`,
    );
    assert.ok(tally.patch > 0, 'some changes were sent as patches');
    assert.ok(tally.anchorPatchable > 0, 'some of those pages were patchable');
  });
});
