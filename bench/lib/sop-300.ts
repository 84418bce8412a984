/**
 * The benchmark SOP: 300 steps on three levels with callouts, checkboxes, durations and sign-offs,
 * shared by the render benchmark and the YAML parser comparison.
 */
import type { SopDocument, SopStep } from '../../src/sop/model.js';

/** Number of steps in {@link makeDocument}'s procedure. */
export const STEPS = 300;

/** A fresh copy of the benchmark SOP. */
export function makeDocument(): SopDocument {
  // 100 top-level steps, each with one sub-step that has one sub-sub-step: 300 steps.
  const steps: SopStep[] = [];
  for (let i = 0; i < STEPS / 3; i++) {
    steps.push({
      ...(i % 10 === 0 ? { id: `step-${i}` } : {}),
      text: `Step ${i}: transfer **${i + 1} mL** of buffer to vessel \`V-${i}\` and record the [reading](#sop-records).`,
      checkbox: i % 2 === 0,
      ...(i % 3 === 0 ? { duration: `${(i % 7) + 1} min` } : {}),
      ...(i % 5 === 0 ? { callouts: [{ level: 'caution' as const, text: `Vessel V-${i} may be *hot*.` }] } : {}),
      ...(i % 25 === 0 ? { signoff: ['Performed by', 'Verified by'] } : {}),
      steps: [{ text: `Check the level of V-${i}.`, steps: [{ text: `If V-${i} is low, top it up to the mark.` }] }],
    });
  }
  return {
    id: 'SOP-BENCH-300',
    title: 'Benchmark procedure with 300 steps',
    version: '1.0',
    status: 'approved',
    effectiveDate: '2025-01-01',
    owner: 'Bench',
    modules: [
      { type: 'purpose', text: 'Measure rendering speed.' },
      { type: 'safety', callouts: [{ level: 'warning', text: 'Synthetic data.' }] },
      { type: 'procedure', steps },
      { type: 'revision-history', items: [{ version: '1.0', date: '2025-01-01', author: 'Bench', change: 'First.' }] },
    ],
  };
}
