/**
 * Exact on parser edge cases (issue 22 item 2): every non-fragment document of html5lib's
 * tree-construction tests (`test/fixtures/html5lib`) is saved in turn as the content of a real
 * server, with one page kept open through each `.dat` file, and then saved once more with a small
 * edit of itself. After every save the live page must equal a fresh load of the same source in the
 * same browser (written into an iframe of a second page, so scripting is on and the mode follows
 * the doctype as on a real load): mode (quirks, limited-quirks or no-quirks), doctype, comments
 * around `<html>` and everything in it. The page must show each saved version (its client stays
 * live) and load at most once per save. The `#document` trees of the `.dat` files are not used:
 * they are built with scripting off.
 *
 * Documents that still differ are listed by name in `EXPECTED_FAILURES` with the way they fail;
 * the test asserts they still fail that way, so a fix shows up as a failure to remove from the list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { openTracked, type TrackedPage } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { previewSession } from '../helpers/preview-session.js';
import { DOCUMENT_SNAPSHOT, firstDifference } from './dom-snapshot.js';
import { type Html5libDocument, html5libDocuments, html5libFiles } from './html5lib-documents.js';

/** How a save ends: equal to a fresh load, or not, or with the client gone, or loaded more than once. */
type Outcome = 'equal' | 'differs' | 'not-live' | 'reload-loop';

/**
 * Saves known to end other than equal, by `file.dat#n` (`#n` counts the file's tests from 1)
 * and the save (`doc`: the document itself, `edit`: it edited once more), with the reason.
 */
const EXPECTED_FAILURES: Readonly<Record<string, { outcome: Exclude<Outcome, 'equal'>; why: string }>> = {};

// A client that has not shown a save by then is taken as gone (swallowed or stopped).
const LIVE_TIMEOUT_MS = 8000;

/** The small edit each document gets after it was saved: text appended at its end. */
const edited = (entry: Html5libDocument, n: number): string => `${entry.data}<p>edit ${n}</p>`;

/**
 * Waits until the page shows `version` (or `timeout` passes) and returns its snapshot, or null
 * when it never showed it. A reload between versions destroys the evaluation: it is retried.
 */
async function liveAt(page: Page, version: number, timeout: number): Promise<string | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    try {
      const snapshot = await inPage<string | null>(
        page,
        `(async () => {
          const deadline = Date.now() + ${Math.max(left, 0)};
          while (window.__SOP_PREVIEW_STATE__?.version !== ${version} || document.readyState === 'loading') {
            if (Date.now() > deadline) return null;
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
          return (${DOCUMENT_SNAPSHOT})(document);
        })()`,
      );
      if (snapshot !== null || Date.now() >= deadline) return snapshot;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/**
 * Snapshot of `html` parsed fresh, with scripting on, into the fresh page's iframe. Writing it into
 * the iframe's document builds the same tree, mode and doctype as loading it (a blob URL in the
 * iframe gave the same snapshot for all 1,553 documents) in a third of the time.
 */
const freshLoad = (page: Page, html: string): Promise<string> =>
  inPage(
    page,
    `(() => {
      const doc = document.querySelector('iframe').contentDocument;
      doc.open();
      doc.write(${JSON.stringify(html)});
      doc.close();
      return (${DOCUMENT_SNAPSHOT})(doc);
    })()`,
  );

interface SaveResult {
  save: string;
  outcome: Outcome;
  detail: string;
}

/** A server and a fresh-load page that one file's documents use at a time. */
interface Lane {
  server: LivePreviewServer;
  fresh: Page;
}

// Files run this many at a time, each on a lane of its own: much of a save is waiting (socket,
// page load), so two lanes overlap it.
const LANES = 2;

describe('html5lib tree-construction documents, saved one after another', { concurrency: LANES }, () => {
  const session = previewSession();
  const idle: Lane[] = [];
  const waiting: ((lane: Lane) => void)[] = [];
  const acquire = (): Promise<Lane> => {
    const lane = idle.pop();
    return lane ? Promise.resolve(lane) : new Promise((resolve) => waiting.push(resolve));
  };
  const release = (lane: Lane) => {
    const next = waiting.shift();
    if (next) next(lane);
    else idle.push(lane);
  };
  // Figures for the log line: the same run's cost of saves shown in place and of those reloaded.
  const totals = { documents: 0, saves: 0, equal: 0, reloads: 0, reopened: 0, started: 0, inPlaceMs: 0, reloadedMs: 0 };

  before(async () => {
    for (let n = 0; n < LANES; n += 1) {
      const server = session.track(
        new LivePreviewServer({ port: 0, client: { badge: false, overlay: false, flash: false, highlight: false } }),
      );
      await server.start();
      const fresh = await session.browser.newPage();
      // A page of the server's origin, so the fresh load resolves URLs against the same host.
      await fresh.goto(new URL('/__html5lib-fresh-load', server.url).href);
      await inPage(fresh, `document.body.append(document.createElement('iframe'))`);
      idle.push({ server, fresh });
    }
    totals.started = Date.now();
  });

  after(() => {
    const equal = ((100 * totals.equal) / Math.max(totals.saves, 1)).toFixed(2);
    const seconds = ((Date.now() - totals.started) / 1000).toFixed(1);
    console.log(
      `html5lib corpus: ${totals.documents} documents, ${totals.saves} saves, ${equal}% equal to a fresh load, ` +
        `${totals.reloads} reloads by the client, ${totals.reopened} pages reopened after a lost client, ${seconds} s ` +
        `(${totals.inPlaceMs} ms in saves shown in place, ${totals.reloadedMs} ms in saves that reloaded, summed over lanes)`,
    );
  });

  for (const file of html5libFiles()) {
    const documents = html5libDocuments(file).filter((entry) => !entry.fragment);
    if (documents.length === 0) continue;

    it(`${file}: ${documents.length} documents, each saved and edited, equal a fresh load`, async () => {
      const lane = await acquire();
      try {
        await runFile(lane, documents);
      } finally {
        release(lane);
      }
    });
  }

  /** Saves each of `documents` and its edit on the lane's server, with one page open through them. */
  async function runFile({ server, fresh }: Lane, documents: readonly Html5libDocument[]): Promise<void> {
    server.updateContent('<!doctype html><title>start</title>');
    let live: TrackedPage = await openTracked(session.browser, server.url);
    const results: SaveResult[] = [];

    const save = async (name: string, html: string) => {
      const started = Date.now();
      const navigations = live.navigations();
      const { version } = server.updateContent(html);
      const [shown, expected] = await Promise.all([
        liveAt(live.page, version, LIVE_TIMEOUT_MS),
        freshLoad(fresh, html),
      ]);
      totals.saves += 1;
      if (live.navigations() === navigations) totals.inPlaceMs += Date.now() - started;
      else totals.reloadedMs += Date.now() - started;
      if (shown === null) {
        results.push({ save: name, outcome: 'not-live', detail: `the page never showed version ${version}` });
        // Go on with a page that loads the current version, as a reader would.
        totals.reloads += live.navigations();
        await live.page.close();
        live = await openTracked(session.browser, server.url);
        totals.reopened += 1;
        return;
      }
      const loads = live.navigations() - navigations;
      if (loads > 1) {
        // A page loads at most once per version (issue 22): more is a reload loop.
        results.push({ save: name, outcome: 'reload-loop', detail: `the page loaded ${loads} times` });
      } else if (shown === expected) {
        totals.equal += 1;
        results.push({ save: name, outcome: 'equal', detail: '' });
      } else {
        results.push({ save: name, outcome: 'differs', detail: firstDifference(shown, expected) });
      }
    };

    for (const [index, entry] of documents.entries()) {
      totals.documents += 1;
      await save(`${entry.name} doc`, entry.data);
      await save(`${entry.name} edit`, edited(entry, index));
    }
    totals.reloads += live.navigations();
    await live.page.close();

    const problems: string[] = [];
    for (const { save: name, outcome, detail } of results) {
      const known = EXPECTED_FAILURES[name];
      if (outcome === 'equal') {
        if (known) problems.push(`${name}: now equal to a fresh load; remove it from EXPECTED_FAILURES`);
      } else if (known?.outcome !== outcome) {
        const source = documents.find((entry) => name.startsWith(`${entry.name} `))?.data ?? '';
        problems.push(`${name} (${outcome}): ${detail}\n  source: ${JSON.stringify(source).slice(0, 300)}`);
      }
    }
    assert.equal(problems.length, 0, `${problems.length} saves:\n${problems.join('\n')}`);
  }
});
