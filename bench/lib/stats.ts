/**
 * Order statistics for benchmark samples. Nearest-rank percentiles, so every reported figure is a
 * value that was actually measured rather than an interpolation between two runs.
 */

/**
 * The `p`-th percentile (0 < p ≤ 100) of `values` by the nearest-rank method.
 *
 * @throws RangeError when `values` is empty or `p` is outside (0, 100]
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile() needs at least one value');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile p must be in (0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

/** Median (50th percentile, nearest rank) of `values`. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** 90th percentile (nearest rank) of `values`. */
export function p90(values: readonly number[]): number {
  return percentile(values, 90);
}

/** The summary every latency case reports. */
export interface Summary {
  /** Number of samples. */
  n: number;
  /** Median. */
  median: number;
  /** 90th percentile. */
  p90: number;
  /** Smallest sample. */
  min: number;
  /** Largest sample. */
  max: number;
}

/** Summarises `values` (rounded to 0.01) for a results file. */
export function summarize(values: readonly number[]): Summary {
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    n: values.length,
    median: round(median(values)),
    p90: round(p90(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}
