/** The last few broadcasts with the latency their viewers reported, for the dashboard. */
import type { RecentUpdate } from '../../shared/server-stats.js';

/** Acknowledgements kept per entry for the median; enough for a stable median, bounded per entry. */
const MAX_SAMPLES = 64;

interface Entry {
  update: Omit<RecentUpdate, 'acks' | 'medianMs'>;
  acks: number;
  samples: number[];
}

/** A ring buffer of the last `capacity` broadcasts. */
export class RecentUpdates {
  private readonly entries: Entry[] = [];
  private next = 0;

  /** @param capacity - how many broadcasts are kept */
  constructor(private readonly capacity = 50) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RecentUpdates capacity must be a positive integer, got ${capacity}.`);
    }
  }

  /** Records a broadcast, dropping the oldest one when full. */
  record(update: Omit<RecentUpdate, 'acks' | 'medianMs'>): void {
    const entry: Entry = { update: { ...update }, acks: 0, samples: [] };
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /**
   * Attributes an `applied` report to the broadcast of `version` of `doc`. Returns `false` when
   * that broadcast is no longer (or never was) in the buffer, e.g. an ack of the initial load.
   */
  ack(doc: string, version: number, ms: number): boolean {
    const entry = this.entries.find(
      (candidate) => candidate.update.doc === doc && candidate.update.version === version,
    );
    if (!entry) return false;
    entry.acks += 1;
    if (entry.samples.length < MAX_SAMPLES) entry.samples.push(ms);
    return true;
  }

  /** The entries, oldest first. */
  list(): RecentUpdate[] {
    const ordered =
      this.entries.length < this.capacity
        ? this.entries
        : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.map((entry) => ({ ...entry.update, acks: entry.acks, medianMs: median(entry.samples) }));
  }
}

function median(samples: number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
