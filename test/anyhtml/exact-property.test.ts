/**
 * Exact, always (issue 9 item 1): after any sequence of updates the live DOM equals a fresh load
 * of the current document, whatever the HTML. fast-check generates documents and edits
 * (`generated-html.ts`); each version goes through the real server into real Chromium and the
 * page is compared with a fresh parse. `ANYHTML_CASES` raises the number of cases (default 1,000).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, snapshotsAt } from './dom-snapshot.js';
import { applyEdit, documentOf, genBody, genEdit, genShell } from './generated-html.js';

const CASES = Number(process.env.ANYHTML_CASES ?? 1000);
// Replays a failure: set the seed (and path) fast-check printed.
const SEED =
  process.env.ANYHTML_SEED === undefined
    ? {}
    : { seed: Number(process.env.ANYHTML_SEED), path: process.env.ANYHTML_PATH };

describe('exact, always: generated documents and edits', () => {
  const session = previewSession();

  it(`the live DOM equals a fresh load after every update (${CASES} cases)`, { timeout: 3_600_000 }, async () => {
    const server = session.track(
      new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
    );
    await server.start();
    server.updateContent('<!doctype html><html><head><title>t</title></head><body><p>start</p></body></html>');
    const kinds = { patch: 0, update: 0, reload: 0 };
    server.on('update', (event: { kind: 'patch' | 'update' | 'reload' }) => {
      kinds[event.kind] += 1;
    });
    const tracked = await openTracked(session.browser, server.url);
    const { page } = tracked;
    const show = async (html: string) => {
      const { version } = server.updateContent(html);
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
        genBody,
        fc.array(genEdit, { minLength: 1, maxLength: 3 }),
        async (shell, body, edits) => {
          await show(documentOf(shell, body));
          let current = body;
          for (const edit of edits) {
            current = applyEdit(current, edit);
            await show(documentOf(shell, current));
          }
        },
      ),
      { numRuns: CASES, endOnFailure: true, ...SEED },
    );
    assert.equal(tracked.navigations(), 0, 'no reloads');
    console.log(`${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; frames: ${JSON.stringify(kinds)}`);
    assert.ok(kinds.patch > 0, 'some changes were sent as patches');
  });
});
