/**
 * The closed word lists of the SOP format, each value with the meaning an editor shows for it.
 *
 * @packageDocumentation
 */
import { z } from 'zod';

/** Lifecycle states of an SOP under document control, in lifecycle order. */
export const SOP_STATUSES = {
  draft: 'Being written; not for use.',
  'in-review': 'Complete and awaiting approval.',
  approved: 'Approved and in force from its effective date.',
  obsolete: 'Withdrawn; kept for the record only.',
} as const;

/** Callout severities in ANSI Z535 order (most to least severe). */
export const CALLOUT_LEVELS = {
  danger: 'A hazard that will cause death or serious injury if not avoided.',
  warning: 'A hazard that could cause death or serious injury if not avoided.',
  caution: 'A hazard that could cause minor injury or damage to equipment or results.',
  note: 'A hint or reminder; no hazard.',
} as const;

/**
 * An enum over a word list's keys. `enumDescriptions` (one per value, in order) is the JSON Schema
 * extension editors read to explain each completion.
 */
export function vocabulary<const V extends Record<string, string>>(values: V, description: string) {
  const keys = Object.keys(values) as (keyof V & string)[];
  return z
    .enum(keys as [keyof V & string, ...(keyof V & string)[]])
    .meta({ description, enumDescriptions: keys.map((key) => values[key]) });
}
