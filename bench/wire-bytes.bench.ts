/**
 * Bytes a browser receives per edit of a 1 MB document, against the document's own size: a small
 * edit (one paragraph) and a large one (about half the sections), for sop-preview and the peers.
 * Counted in Chromium through CDP: WebSocket frame payloads plus every HTTP response a reload
 * fetched. Run: `npx tsx bench/wire-bytes.bench.ts`.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.js';
import { markerSeenAt } from './lib/dom-probe.js';
import { type EditTarget, fileTarget, libraryTarget } from './lib/edit-target.js';
import { caseFromError } from './lib/failure.js';
import { htmlFixture, marker } from './lib/fixtures.js';
import { openPreviewPage } from './lib/preview-page.js';
import { type BenchCase, printResults, writeResults } from './lib/results.js';
import { median } from './lib/stats.js';
import { selectedTools } from './lib/tool-launchers.js';

const DOCUMENT_BYTES = 1_000_000;
const EDITS = Number(process.env.BENCH_WIRE_EDITS ?? 3);
/** Trailing traffic (a reload's late requests, a socket reconnecting) still belongs to the edit. */
const SETTLE_MS = 400;

interface EditKind {
  name: string;
  content(n: number): string;
}

const KINDS: EditKind[] = [
  { name: '1 MB, small edit', content: (n) => htmlFixture({ bytes: DOCUMENT_BYTES, edit: n }) },
  { name: '1 MB, large edit', content: (n) => htmlFixture({ bytes: DOCUMENT_BYTES, edit: n, revision: n }) },
];

async function measure(
  browser: Browser,
  tool: string,
  kind: EditKind,
  start: () => Promise<EditTarget>,
): Promise<BenchCase> {
  const documentBytes = Buffer.byteLength(kind.content(0));
  let target: EditTarget | undefined;
  try {
    target = await start();
    const preview = await openPreviewPage(browser, target.url);
    try {
      const totals: number[] = [];
      let websocket = 0;
      let http = 0;
      let navigations = 0;
      for (let n = 1; n <= EDITS + 1; n += 1) {
        // A peer that lost its socket would miss the edit; reload it (outside the counted window).
        await preview.waitReady().catch(async () => {
          await preview.page.reload();
          await preview.waitReady();
        });
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        preview.resetBytes();
        const navigationsBefore = preview.navigations();
        await target.edit(n);
        const deadline = Date.now() + 15_000;
        while ((await markerSeenAt(preview.page, marker(n))) === undefined) {
          if (Date.now() > deadline) throw new Error(`edit ${n} never reached the DOM`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await preview.waitReady();
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        if (n === 1) continue;
        const bytes = preview.bytes();
        totals.push(bytes.websocket + bytes.http);
        websocket += bytes.websocket;
        http += bytes.http;
        navigations += preview.navigations() - navigationsBefore;
      }
      const perEdit = median(totals);
      return {
        name: kind.name,
        tool,
        status: 'ok',
        metrics: {
          documentBytes,
          bytesPerEdit: perEdit,
          websocketBytesPerEdit: Math.round(websocket / EDITS),
          httpBytesPerEdit: Math.round(http / EDITS),
          percentOfDocument: Math.round((perEdit / documentBytes) * 10_000) / 100,
          reloadsPerEdit: navigations / EDITS,
        },
        samples: totals,
      };
    } finally {
      await preview.close();
    }
  } catch (error) {
    return caseFromError(kind.name, tool, error);
  } finally {
    await target?.stop();
  }
}

const browser = await launchChromium();
const cases: BenchCase[] = [];
try {
  for (const kind of KINDS) {
    const runs: [string, () => Promise<EditTarget>][] = [
      ...selectedTools().map((tool): [string, () => Promise<EditTarget>] => [
        tool,
        () => fileTarget(tool, 'index.html', kind.content),
      ]),
      ['sop-preview (library)', () => libraryTarget(kind.content)],
    ];
    for (const [tool, start] of runs) {
      const result = await measure(browser, tool, kind, start);
      console.log(`${kind.name} / ${tool}: ${result.status} ${JSON.stringify(result.metrics)} ${result.note ?? ''}`);
      cases.push(result);
    }
  }
} finally {
  await browser.close();
}
printResults(
  await writeResults(
    'wire-bytes',
    `Bytes received by the browser per edit of a ${DOCUMENT_BYTES / 1_000_000} MB document (file save, or updateContent for the library; WebSocket payloads + HTTP responses, via CDP), median of ${EDITS} edits.`,
    cases,
  ),
);
