/**
 * One save-to-screen case: write the file, wait for the new marker in the page's DOM, repeat.
 * Latency is the page's wall time of the first mutation carrying the marker minus the wall time
 * just before the write; both clocks are this machine's, so they agree.
 */
import type { Page } from 'playwright-core';
import { markerSeenAt } from './dom-probe.js';
import { marker } from './fixtures.js';
import { type PreviewPage, scrollOffset, scrollToMiddle } from './preview-page.js';
import type { BenchCase } from './results.js';
import { summarize } from './stats.js';
import { wallClockMs } from './wall-clock.js';

/** How long to wait for one edit to show up before counting it as missed. */
const EDIT_TIMEOUT_MS = 15_000;

/**
 * Pause between edits once the previous one is on screen and the page is ready again. Peers
 * debounce file events (live-server waits 100 ms by default); without a gap two edits could merge
 * into one reload and flatter them.
 */
const GAP_MS = 250;

/** One edit loop's settings. */
export interface EditLoop {
  /** The page, already open on the previewed file and ready. */
  page: Page;
  /** Waits until the page has settled after an edit (document loaded, live socket open). */
  waitReady(): Promise<void>;
  /** Navigations so far. */
  navigations(): number;
  /** Brings a page that lost its live-reload connection back (reload and wait until ready). */
  recover(): Promise<void>;
  /** Reads the page's scroll offset. */
  scrollOffset(): Promise<number>;
  /** Builds edit `n` before the clock starts (see `EditTarget.prepare`). */
  prepare?(n: number): void;
  /** Performs edit `n`: writes the file, or calls `updateContent`. */
  edit(n: number): Promise<void>;
  /** Measured edits. */
  edits: number;
  /** Unmeasured warm-up edits first. */
  warmup: number;
}

/** Runs the loop and returns the metrics of a case (name and tool filled in by the caller). */
export async function measureEdits(
  loop: EditLoop,
): Promise<Pick<BenchCase, 'metrics' | 'samples' | 'note' | 'status'>> {
  const samples: number[] = [];
  let navigations = 0;
  let scrollKept = 0;
  let missed = 0;
  let recoveries = 0;
  for (let n = 1; n <= loop.warmup + loop.edits; n += 1) {
    try {
      await loop.waitReady();
    } catch {
      // A peer that lost its socket would miss every later edit; reload once and say so.
      recoveries += 1;
      await loop.recover();
    }
    const scrollBefore = await loop.scrollOffset();
    const navigationsBefore = loop.navigations();
    loop.prepare?.(n);
    const start = wallClockMs();
    await loop.edit(n);
    const deadline = Date.now() + EDIT_TIMEOUT_MS;
    let seen: number | undefined;
    while (seen === undefined && Date.now() < deadline) {
      seen = await markerSeenAt(loop.page, marker(n));
      if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (n <= loop.warmup) {
      await loop.waitReady();
      continue;
    }
    if (seen === undefined) {
      missed += 1;
      continue;
    }
    samples.push(seen - start);
    await loop.waitReady();
    navigations += loop.navigations() - navigationsBefore;
    if (Math.abs((await loop.scrollOffset()) - scrollBefore) <= 2) scrollKept += 1;
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  if (samples.length === 0) {
    return { status: 'failed', note: `no edit reached the DOM within ${EDIT_TIMEOUT_MS} ms`, metrics: {} };
  }
  const notes = [
    ...(missed > 0 ? [`${missed} of ${loop.edits} edits never reached the DOM`] : []),
    ...(recoveries > 0
      ? [`page reloaded by the benchmark ${recoveries} time(s) after losing its live connection`]
      : []),
  ];
  return {
    status: 'ok',
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    ...editMetrics(samples, navigations, scrollKept),
  };
}

/** The figures of a save-to-screen case from its latency samples (ms, at least one). */
export function editMetrics(
  samples: readonly number[],
  navigations: number,
  scrollKept: number,
): Pick<BenchCase, 'metrics' | 'samples'> {
  const summary = summarize(samples);
  return {
    metrics: {
      edits: samples.length,
      medianMs: summary.median,
      p90Ms: summary.p90,
      minMs: summary.min,
      maxMs: summary.max,
      reloadsPerEdit: Math.round((navigations / samples.length) * 100) / 100,
      scrollKept: `${scrollKept}/${samples.length}`,
    },
    samples: samples.map((value) => Math.round(value * 100) / 100),
  };
}

/**
 * The edit loop on an open preview page, as every save-to-screen case runs it: ready, scrolled to
 * the middle, and reloaded (then scrolled again) when the page lost its live connection.
 */
export async function measurePreviewEdits(
  preview: PreviewPage,
  loop: Pick<EditLoop, 'prepare' | 'edit' | 'edits' | 'warmup'>,
): Promise<Pick<BenchCase, 'metrics' | 'samples' | 'note' | 'status'>> {
  await preview.waitReady();
  await scrollToMiddle(preview.page);
  return measureEdits({
    ...loop,
    page: preview.page,
    waitReady: () => preview.waitReady(),
    navigations: preview.navigations,
    recover: async () => {
      await preview.page.reload();
      await preview.waitReady();
      await scrollToMiddle(preview.page);
    },
    scrollOffset: () => scrollOffset(preview.page),
  });
}
