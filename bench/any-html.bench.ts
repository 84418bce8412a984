/**
 * Any HTML, not just ours: real documentation pages found on this machine (scripts removed) and
 * synthetic pages without `data-block` keys, with keys only on list items, and with 7,000 small
 * keyed items (plus their 100 KB versions), and the page without keys with a revision stamp at
 * its top that every save rewrites too (two places apart per save). Each page gets the five kinds
 * of edit saved one after another, in sop-preview and the three peers in the same run, with bytes
 * per edit, reloads and whether the scroll stayed. Run: `npx tsx bench/any-html.bench.ts`
 * (BENCH_ROUNDS=2 rounds of five edits per page and tool; BENCH_PAGES=word,word to run only pages
 * whose name has one of them; BENCH_TOOLS=tool,tool to run only those tools).
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { type EditablePage, findEditPoints, pageAfter, supportedKinds, withStamp } from './lib/edit-sequence.js';
import { fileTarget } from './lib/edit-target.js';
import { caseFromError } from './lib/failure.js';
import { SHAPES, shapedPage } from './lib/html-shapes.js';
import { openPreviewPage } from './lib/preview-page.js';
import { findRealPages } from './lib/real-pages.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { runSequence } from './lib/sequence-runner.js';
import { selectedTools, type ToolName } from './lib/tool-launchers.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ONLY = process.env.BENCH_PAGES?.split(',').map((word) => word.trim().toLowerCase());

/** A page to run, or one that is skipped and why. */
type Document =
  | { name: string; group: 'real-world' | 'synthetic'; page: EditablePage; source: string; bytes: number }
  | { name: string; group: 'real-world' | 'synthetic'; skipped: string };

async function documents(): Promise<Document[]> {
  const out: Document[] = [];
  for (const real of await findRealPages()) {
    if (!real.found) {
      out.push({ name: real.label, group: 'real-world', skipped: real.reason });
      continue;
    }
    const page = findEditPoints(real.html);
    if (page) out.push({ name: real.label, group: 'real-world', page, source: real.source, bytes: real.bytes });
    else out.push({ name: real.label, group: 'real-world', skipped: `${real.source}: no paragraph to edit` });
  }
  for (const [size, bytes] of [
    ['1 MB', 1_000_000],
    ['100 KB', 100_000],
  ] as const) {
    for (const shape of SHAPES) {
      const html = shapedPage(shape, bytes);
      const page = findEditPoints(html);
      const name = `${size}, ${shape}`;
      if (page) out.push({ name, group: 'synthetic', page, source: 'generated', bytes: Buffer.byteLength(html) });
      else out.push({ name, group: 'synthetic', skipped: 'no paragraph to edit (a bug in the shape)' });
    }
    // Every save also rewrites a revision stamp at the top: two places apart per save.
    const name = `${size}, no keys, two places`;
    const stamped = withStamp(findEditPoints(shapedPage('no keys', bytes)) as EditablePage);
    if (stamped) {
      const bytesOf = Buffer.byteLength(stamped.html);
      out.push({ name, group: 'synthetic', page: stamped, source: 'generated', bytes: bytesOf });
    } else out.push({ name, group: 'synthetic', skipped: 'no <body> tag (a bug in the shape)' });
  }
  return out.filter((item) => !ONLY || ONLY.some((word) => item.name.toLowerCase().includes(word)));
}

async function measure(browser: Browser, document: Document, tool: ToolName): Promise<BenchCase> {
  if ('skipped' in document) {
    return {
      name: document.name,
      tool,
      status: 'n/a',
      note: `skipped: ${document.skipped}`,
      metrics: { group: document.group },
    };
  }
  const { page } = document;
  const kinds = supportedKinds(page);
  const facts = { group: document.group, page: document.source, documentBytes: document.bytes };
  try {
    const target = await fileTarget(tool, 'index.html', (n) => pageAfter(page, n));
    try {
      const preview = await openPreviewPage(browser, target.url);
      try {
        const result = await runSequence({ preview, target, kinds, rounds: ROUNDS });
        const skippedKinds = 5 - kinds.length;
        const note = [result.note, skippedKinds > 0 ? `${skippedKinds} edit kind(s) not on this page` : undefined]
          .filter(Boolean)
          .join('; ');
        return {
          name: document.name,
          tool,
          status: result.status,
          ...(note ? { note } : {}),
          metrics: { ...facts, ...result.metrics, ...(target.version ? { version: target.version } : {}) },
          ...(result.samples ? { samples: result.samples } : {}),
        };
      } finally {
        await preview.close();
      }
    } finally {
      await target.stop();
    }
  } catch (error) {
    const failed = caseFromError(document.name, tool, error);
    return { ...failed, metrics: facts };
  }
}

const DESCRIPTION = `Any HTML: five kinds of edit (a word changed, a paragraph inserted, that paragraph removed, code edited, two list items added) saved one after another, ${ROUNDS} round(s) after one warm-up round (one step of each kind), on real documentation pages found on this machine (scripts removed) and synthetic pages without data-block keys ("two places": every save also rewrites a revision stamp at the top of the page); save → the page shows the step, bytes received per step (WebSocket + HTTP), reloads per step, view kept: the element at the top of the view shows the same text at the same place within 2 px (scrolled to the middle, edits at 90 % of the page; list items go to the list nearest the edited paragraph, which may start above the view).`;

const cases: BenchCase[] = [];
const started = Date.now();
for (const document of await documents()) {
  // A browser per page, so nothing of one page's run (memory, caches) weighs on the next; each
  // page's tools share one, as the same run must treat them alike. (The "crash" at ~12 minutes that
  // first prompted this was the runner's time limit, see scripts/run-bench.mjs.)
  const browser = await launchChromium();
  try {
    for (const tool of selectedTools()) {
      const result = await measure(browser, document, tool);
      const { medianMs, p90Ms, bytesPerEdit, reloadsPerEdit } = result.metrics;
      console.log(
        `${document.name} / ${tool}: ${result.status} median ${medianMs} p90 ${p90Ms} bytes ${bytesPerEdit} reloads ${reloadsPerEdit} ${result.note ?? ''} (${Math.round((Date.now() - started) / 1000)} s)`,
      );
      cases.push(result);
    }
  } finally {
    await browser.close();
  }
  // Written after every page, so a run cut short by the time limit still leaves what it measured.
  await writeResults('any-html', DESCRIPTION, cases);
}
printResults(await writeResults('any-html', DESCRIPTION, cases));
