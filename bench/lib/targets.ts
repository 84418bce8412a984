/**
 * The performance targets of design §9 and how each is read from the results files. A target
 * without a measurement is reported as "not measured" with the reason, never as met.
 */
import type { BenchCase, BenchResults } from './results.js';

/** One target: which benchmark, which case, which metric, and the limit it must not exceed. */
export interface Target {
  /** What is measured, as design §9 words it. */
  what: string;
  /** The target as a reader sees it, e.g. `≤ 15 ms`. */
  target: string;
  /** Results file (benchmark name). */
  benchmark: string;
  /** Picks the case. */
  matches(item: BenchCase): boolean;
  /** Metric compared with {@link Target.limit}. */
  metric: string;
  /** Largest value that still meets the target. */
  limit: number;
  /** Unit shown after the measured value. */
  unit: string;
}

/** How a target came out. */
export interface TargetOutcome {
  /** The target. */
  target: Target;
  /** `met`, `not met`, or `not measured`. */
  verdict: 'met' | 'not met' | 'not measured';
  /** Measured value with unit, or why there is none. */
  measured: string;
}

const sopPreviewCase = (name: string) => (item: BenchCase) => item.name === name && item.tool === 'sop-preview';

/** Design §9, in its order. */
export const TARGETS: Target[] = [
  {
    what: 'save → DOM updated, 100 KB HTML (median)',
    target: '≤ 15 ms',
    benchmark: 'latency',
    matches: sopPreviewCase('100 KB HTML'),
    metric: 'medianMs',
    limit: 15,
    unit: 'ms',
  },
  {
    what: 'save → DOM updated, 1 MB HTML (median)',
    target: '≤ 60 ms',
    benchmark: 'latency',
    matches: sopPreviewCase('1 MB HTML'),
    metric: 'medianMs',
    limit: 60,
    unit: 'ms',
  },
  {
    what: '`updateContent` → all clients patched, 100 KB (20 clients, median)',
    target: '≤ 5 ms',
    benchmark: 'fan-out',
    matches: (item) => item.name.startsWith('20 clients'),
    metric: 'medianMs',
    limit: 5,
    unit: 'ms',
  },
  {
    what: 'one-step edit in a 1 MB document, bytes sent',
    target: '≤ 4 KB',
    benchmark: 'wire-bytes',
    // The CLI's figure when it ran, else the library's: the same server sends the same frames.
    matches: (item) => item.name === '1 MB, small edit' && (item.tool ?? '').startsWith('sop-preview'),
    metric: 'bytesPerEdit',
    limit: 4096,
    unit: 'B',
  },
  {
    what: '1,000 clients, last one patched (median)',
    target: '≤ 100 ms',
    benchmark: 'fan-out',
    matches: (item) => item.name.startsWith('1,000 clients'),
    metric: 'medianMs',
    limit: 100,
    unit: 'ms',
  },
  {
    what: '10,000 updates with 20 clients, memory growth (larger of RSS and heap, after GC)',
    target: '≤ 10 MB',
    benchmark: 'soak',
    matches: () => true,
    metric: 'memoryGrowthMB',
    limit: 10,
    unit: 'MB',
  },
  {
    // "~0" made checkable: half a percent of one core would still be far below any polling loop.
    what: 'idle CPU with a preview open: server',
    target: '~0 (≤ 0.5 % of a core)',
    benchmark: 'idle',
    matches: () => true,
    metric: 'serverCpuPercent',
    limit: 0.5,
    unit: '%',
  },
  {
    what: 'idle CPU with a preview open: page',
    target: '~0 (≤ 0.5 % of a core)',
    benchmark: 'idle',
    matches: () => true,
    metric: 'pageCpuPercent',
    limit: 0.5,
    unit: '%',
  },
  {
    what: 'render a 300-step SOP (median)',
    target: '≤ 10 ms',
    benchmark: 'render',
    // `renderMs` is the flat render.bench.ts results file's name for the same figure.
    matches: (item) => item.name.includes('300') || item.name === 'renderMs',
    metric: 'medianMs',
    limit: 10,
    unit: 'ms',
  },
];

/** Reads each target's value from `results` and judges it. */
export function evaluateTargets(
  results: readonly BenchResults[],
  targets: readonly Target[] = TARGETS,
): TargetOutcome[] {
  return targets.map((target) => {
    const file = results.find((item) => item.benchmark === target.benchmark);
    if (!file) return { target, verdict: 'not measured', measured: `no ${target.benchmark} results` };
    const candidates = file.cases.filter((candidate) => target.matches(candidate));
    const item =
      candidates.find(
        (candidate) => candidate.status === 'ok' && typeof candidate.metrics[target.metric] === 'number',
      ) ?? candidates[0];
    if (!item) return { target, verdict: 'not measured', measured: `no matching case in ${target.benchmark}` };
    const value = item.metrics[target.metric];
    if (item.status !== 'ok' || typeof value !== 'number') {
      return { target, verdict: 'not measured', measured: `${item.status}${item.note ? `: ${item.note}` : ''}` };
    }
    const via = candidates.length > 1 && item.tool ? ` (${item.tool})` : '';
    return { target, verdict: value <= target.limit ? 'met' : 'not met', measured: `${value} ${target.unit}${via}` };
  });
}
