/**
 * Keyed elements that change depth (moved into a sibling, out of a parent, into an element the
 * edit adds) leave the live DOM equal to a fresh load. morphdom alone gets these wrong: a keyed
 * element moved into its previous sibling's subtree keeps the stale siblings after it and adds the
 * new ones twice, or throws. The first case is the property test's counterexample of CI seed
 * -2032142096, reduced.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, snapshotsAt } from './dom-snapshot.js';

/**
 * A document with `body` as the body's content. A `step` in the `<html>` start tag changes with
 * each version, which makes the server send the whole document (the client morphs the whole body).
 */
const page = (body: string, step?: number): string =>
  `<!doctype html><html${step === undefined ? '' : ` data-step="${step}"`}><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

/** Each case: bodies shown one after another, every one compared with a fresh load. */
const CASES: Record<string, string[]> = {
  'a keyed child of <body> moves into its previous sibling, whitespace after it': [
    '\n<div data-block="k1"><p>a</p></div><section data-block="k2"><p>b</p></section>\n',
    '\n<div data-block="k1"><p>a</p><section data-block="k2">delta</section></div>\n',
  ],
  'the moved element had siblings after it, unkeyed': [
    '<main><div data-block="d"></div><span data-block="x"></span><p>old</p><p>old 2</p></main>',
    '<main><div data-block="d"><span data-block="x"></span></div><p>new</p></main>',
  ],
  'the destination has a child after the moved element': [
    '<main><div data-block="d"></div><span data-block="x"></span><p>old</p></main>',
    '<main><div data-block="d"><span data-block="x"></span><em>after</em></div><p>new</p></main>',
  ],
  'the moved element goes into an element the edit adds': [
    '<div data-block="d"><b>first</b></div><span data-block="x">x</span><p>old</p>',
    '<div data-block="d"><b>first</b><article><span data-block="x">x</span></article></div><p>new</p>',
  ],
  'the moved element goes into an element the edit adds, with a child after it': [
    '<main><div data-block="d"></div><span data-block="x">x</span><p>old</p></main>',
    '<main><div data-block="d"><article><span data-block="x">x</span><em>after</em></article></div><p>new</p></main>',
  ],
  'a keyed parent moves up, then its keyed child goes deeper': [
    '<div data-block="p"><section data-block="e"><i>i</i><span data-block="k">k</span><p>t</p></section></div>',
    '<section data-block="e"><i>i</i><p>t<span data-block="k">k</span></p></section><div data-block="p"></div>',
  ],
  'a keyed element leaves its parent for the body, then returns': [
    '<ul><li data-block="a">a</li><li data-block="b">b</li></ul><p>tail</p>',
    '<ul><li data-block="a">a</li></ul><li data-block="b">b</li><p>tail</p>',
    '<ul><li data-block="b">b</li><li data-block="a">a</li></ul><p>tail</p>',
  ],
  'implicit keys (no data-block) on a large page whose sections nest': [
    Array.from({ length: 40 }, (_, i) => `<section><h2>S${i}</h2><p>${'text '.repeat(30)}${i}</p></section>`).join(''),
    Array.from({ length: 40 }, (_, i) =>
      i === 10
        ? `<section><h2>S10</h2><p>${'text '.repeat(30)}10</p><section><h2>S11</h2><p>${'text '.repeat(30)}11</p></section></section>`
        : i === 11
          ? ''
          : `<section><h2>S${i}</h2><p>${'text '.repeat(30)}${i}</p></section>`,
    ).join(''),
  ],
};

describe('keyed elements that change depth', () => {
  const session = previewSession();

  for (const [name, bodies] of Object.entries(CASES)) {
    for (const whole of [true, false]) {
      const how = whole ? 'whole updates' : 'the frames the server picks';
      it(`${name} (${how}): the live DOM equals a fresh load`, async () => {
        const server = session.track(
          new LivePreviewServer({ port: 0, client: { badge: false, flash: false, highlight: false, overlay: false } }),
        );
        await server.start();
        const kinds: string[] = [];
        server.on('update', (event: { kind: string }) => kinds.push(event.kind));
        server.updateContent(page(bodies[0] as string, whole ? 0 : undefined));
        const tracked = await openTracked(session.browser, server.url);
        for (const [step, body] of bodies.entries()) {
          const html = page(body, whole ? step + 1 : undefined);
          const { version } = server.updateContent(html);
          const { live, fresh } = await snapshotsAt(tracked.page, version, html);
          assert.ok(live === fresh, `live DOM differs from a fresh load, ${firstDifference(live, fresh)}`);
        }
        assert.equal(tracked.navigations(), 0, 'no reloads');
        if (whole) assert.ok(kinds.length > 0 && kinds.every((kind) => kind === 'update'), kinds.join());
        await tracked.page.close();
      });
    }
  }
});
