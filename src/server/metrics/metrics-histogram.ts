/** A fixed-bucket latency histogram: constant memory however many samples arrive. */
import type { HistogramBucket } from '../../shared/server-stats.js';

/**
 * Upper bounds (inclusive, in ms) of the histogram buckets; one more bucket counts everything
 * above the last bound. Roughly 1-2-5 steps, so both a 1 ms morph and a 1 s reload stay readable.
 */
export const LATENCY_BUCKETS_MS: readonly number[] = Object.freeze([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);

/** Counts samples per bucket of {@link LATENCY_BUCKETS_MS}. */
export class LatencyHistogram {
  private readonly counts = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);

  /** Records one sample, in ms. Negative or non-finite values are client bugs and count as 0. */
  add(ms: number): void {
    const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
    let index = LATENCY_BUCKETS_MS.findIndex((bound) => value <= bound);
    if (index < 0) index = LATENCY_BUCKETS_MS.length;
    this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  /** The buckets in ascending order, the overflow bucket last. */
  buckets(): HistogramBucket[] {
    return this.counts.map((count, index) => ({ le: LATENCY_BUCKETS_MS[index] ?? null, count }));
  }
}
