/**
 * Runs the five-kind edit sequence of `edit-sequence.ts` against one previewer and one open page:
 * for each saved step, the time until the page shows it (a new marker appears, or a removed one is
 * gone), the bytes the page received for it, whether it reloaded, and whether the content in view
 * stayed in place.
 */
import { markerGoneAt, markerSeenAt } from './dom-probe.js';
import { EDIT_KINDS, type EditKind, kindOf, signalOf } from './edit-sequence.js';
import type { EditTarget } from './edit-target.js';
import type { PreviewPage } from './preview-page.js';
import { scrollToMiddle, viewKept, viewTop } from './preview-page.js';
import type { BenchCase, MetricValue } from './results.js';
import { median, summarize } from './stats.js';
import { wallClockMs } from './wall-clock.js';

/** How long one step may take to show before it counts as missed. */
const STEP_TIMEOUT_MS = 15_000;
/** Pause after a step is shown and the page is ready: peers' debounces never merge two steps. */
const GAP_MS = 250;

/** Short metric names for the per-kind medians. */
const KIND_METRIC: Record<EditKind, string> = {
  'word changed': 'wordMs',
  'paragraph inserted': 'insertMs',
  'paragraph removed': 'removeMs',
  'code edited': 'codeMs',
  'list items added': 'listMs',
};

/** One run's settings. */
export interface SequenceRun {
  /** The open page, already loaded. */
  preview: PreviewPage;
  /** The previewer the steps are saved to. */
  target: EditTarget;
  /** Kinds the page supports; steps of other kinds are not saved. */
  kinds: readonly EditKind[];
  /** Rounds of five kinds after the warm-up round. */
  rounds: number;
}

/** When step `n` showed in the page, or `undefined` if it has not yet. */
function shownAt(preview: PreviewPage, n: number, since: number): Promise<number | undefined> {
  const signal = signalOf(n);
  return 'appears' in signal
    ? markerSeenAt(preview.page, signal.appears)
    : markerGoneAt(preview.page, signal.gone, since);
}

/**
 * Steps saved before the timed ones: one of each kind. The first edit of a kind after a page
 * loads pays one-time costs (code compiled on first use in the server and the page, the page's
 * index of keyed children built): 2-3 times the median for sop-preview's first insertion. Ten
 * timed steps put one such sample at the p90 of every case; all tools get the same warm-up.
 */
const WARM_UP_STEPS = EDIT_KINDS.length;

/**
 * Saves one warm-up round (not counted), then `rounds` × five steps, and returns the metrics of
 * the case (name and tool filled in by the caller).
 */
export async function runSequence(
  run: SequenceRun,
): Promise<Pick<BenchCase, 'status' | 'note' | 'metrics' | 'samples'>> {
  const { preview, target } = run;
  const samples: number[] = [];
  const byKind = new Map<EditKind, number[]>();
  const bytes: number[] = [];
  let reloads = 0;
  let scrollKept = 0;
  let missed = 0;
  await preview.waitReady();
  await scrollToMiddle(preview.page);
  const last = WARM_UP_STEPS + run.rounds * EDIT_KINDS.length;
  for (let n = 1; n <= last; n += 1) {
    const kind = kindOf(n);
    if (!run.kinds.includes(kind)) continue;
    // A removal needs its paragraph: skip it when the insertion before it was skipped.
    if (kind === 'paragraph removed' && !run.kinds.includes('paragraph inserted')) continue;
    await preview.waitReady();
    const viewBefore = await viewTop(preview.page);
    const navigationsBefore = preview.navigations();
    preview.resetBytes();
    target.prepare(n);
    const start = wallClockMs();
    await target.edit(n);
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let seen: number | undefined;
    while (seen === undefined && Date.now() < deadline) {
      seen = await shownAt(preview, n, start);
      if (seen === undefined) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await preview.waitReady();
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    if (n <= WARM_UP_STEPS) continue;
    if (seen === undefined) {
      missed += 1;
      continue;
    }
    samples.push(seen - start);
    byKind.set(kind, [...(byKind.get(kind) ?? []), seen - start]);
    const received = preview.bytes();
    bytes.push(received.websocket + received.http);
    reloads += preview.navigations() - navigationsBefore;
    if (await viewKept(preview.page, viewBefore)) scrollKept += 1;
  }
  if (samples.length === 0)
    return { status: 'failed', note: `no step showed within ${STEP_TIMEOUT_MS} ms`, metrics: {} };
  const summary = summarize(samples);
  const round = (value: number) => Math.round(value * 100) / 100;
  const kindMetrics: Record<string, MetricValue> = {};
  for (const kind of EDIT_KINDS) {
    const values = byKind.get(kind);
    kindMetrics[KIND_METRIC[kind]] = values ? round(median(values)) : null;
  }
  return {
    status: 'ok',
    ...(missed > 0 ? { note: `${missed} step(s) never showed` } : {}),
    metrics: {
      edits: samples.length,
      medianMs: summary.median,
      p90Ms: summary.p90,
      maxMs: summary.max,
      bytesPerEdit: median(bytes),
      reloadsPerEdit: round(reloads / samples.length),
      scrollKept: `${scrollKept}/${samples.length}`,
      ...kindMetrics,
    },
    samples: samples.map(round),
  };
}
