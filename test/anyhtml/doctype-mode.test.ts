/**
 * A doctype added or removed switches the page between quirks and standards mode, which the layout
 * follows and no morph can change: the page reloads once and then shows what a fresh load would,
 * mode included. Other whole updates keep it in place.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { previewSession } from '../helpers/preview-session.js';
import { firstDifference, snapshotsAt } from './dom-snapshot.js';

const body = (text: string): string =>
  `<head><title>t</title></head><body><table><tr><td>${text}</td></tr></table><p>${text}</p></body></html>`;
const QUIRKS = (text: string): string => `<html>${body(text)}`;
const STANDARDS = (text: string): string => `<!doctype html><html>${body(text)}`;

describe('a change of doctype', () => {
  const session = previewSession();

  it('reloads the page once into the new mode; edits within a mode stay in place', async () => {
    const server = session.track(new LivePreviewServer({ port: 0, client: { badge: false, overlay: false } }));
    await server.start();
    server.updateContent(QUIRKS('one'));
    const tracked = await openTracked(session.browser, server.url);
    const mode = () => inPage<string>(tracked.page, 'document.compatMode');
    assert.equal(await mode(), 'BackCompat');

    const show = async (html: string, reloads: boolean) => {
      const loaded = reloads ? tracked.page.waitForEvent('load') : undefined;
      const { version } = server.updateContent(html);
      await loaded;
      const { live, fresh } = await snapshotsAt(tracked.page, version, html);
      assert.ok(live === fresh, `live DOM differs from a fresh load, ${firstDifference(live, fresh)}`);
    };
    await show(QUIRKS('two'), false);
    assert.equal(tracked.navigations(), 0, 'an edit within quirks mode is applied in place');
    await show(STANDARDS('three'), true);
    assert.equal(await mode(), 'CSS1Compat');
    assert.equal(tracked.navigations(), 1, 'adding the doctype reloads once');
    await show(STANDARDS('four'), false);
    assert.equal(tracked.navigations(), 1, 'an edit within standards mode is applied in place');
    await show(QUIRKS('five'), true);
    assert.equal(await mode(), 'BackCompat');
    assert.equal(tracked.navigations(), 2, 'removing the doctype reloads once');
    await tracked.page.close();
  });
});
