/** A bounded window of latency samples with percentile summaries. */
import type { LatencySummary } from '../../shared/server-stats.js';

/** Keeps the last `capacity` samples so memory stays flat however long the server runs. */
export class LatencyWindow {
  private readonly samples: number[] = [];
  private next = 0;
  private total = 0;

  /** @param capacity - how many recent samples the percentiles cover */
  constructor(private readonly capacity = 1000) {}

  /** Records one sample. */
  add(ms: number): void {
    this.total += 1;
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Percentiles over the window (nearest-rank). */
  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const rank = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
    return { count: this.total, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted[sorted.length - 1] ?? 0 };
  }
}
