/**
 * The zod schema of SOP sources. Built twice: strict (unknown keys reported, to turn into
 * warnings) and loose (unknown keys dropped, to get the data once only warnings remain).
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import type { SopDocument } from './model.js';

/** Module types the schema (and the renderer registry) knows, in a stable order. */
export const MODULE_TYPES = [
  'purpose',
  'scope',
  'summary',
  'responsibilities',
  'definitions',
  'safety',
  'qualifications',
  'materials',
  'procedure',
  'quality-control',
  'records',
  'references',
  'revision-history',
  'section',
] as const;

/** Deepest allowed step nesting: steps, sub-steps, sub-sub-steps (1 / 1.1 / 1.1.1). */
export const MAX_STEP_DEPTH = 3;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const text = () => z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' });
const date = () =>
  z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .refine(isRealDate, { error: 'expected a real calendar date YYYY-MM-DD' });
// Quantities and versions are often written as bare numbers; keep them as text for display.
const textOrNumber = () =>
  z.union([text(), z.number()], { error: 'expected text or a number' }).transform((value) => String(value));

type ObjectFactory = typeof z.strictObject;

function build(object: ObjectFactory) {
  const callout = object({
    level: z.enum(['danger', 'warning', 'caution', 'note']),
    text: text(),
  });
  const image = object({ src: text(), alt: text().optional(), caption: text().optional() });

  const stepFields = {
    id: z
      .string({ error: 'expected text' })
      .regex(/^[A-Za-z][\w-]*$/, { error: 'expected an id of letters, digits, "-" or "_", starting with a letter' })
      .optional(),
    text: text(),
    details: text().optional(),
    checkbox: z.boolean({ error: 'expected true or false' }).optional(),
    duration: textOrNumber().optional(),
    callouts: z.array(callout).optional(),
    image: image.optional(),
    signoff: z.array(text()).optional(),
  };
  const deepest = object({
    ...stepFields,
    steps: z.undefined({ error: `sub-steps nest at most ${MAX_STEP_DEPTH} levels (1 / 1.1 / 1.1.1)` }).optional(),
  });
  let step: z.ZodType = deepest;
  for (let depth = MAX_STEP_DEPTH - 1; depth >= 1; depth--) {
    step = object({ ...stepFields, steps: z.array(step).min(1, { error: 'expected at least one step' }).optional() });
  }

  const titled = { title: text().optional() };
  const textModule = (type: 'purpose' | 'scope' | 'summary' | 'quality-control') =>
    object({ type: z.literal(type), ...titled, text: text() });
  const module = z.discriminatedUnion('type', [
    textModule('purpose'),
    textModule('scope'),
    textModule('summary'),
    textModule('quality-control'),
    object({
      type: z.literal('responsibilities'),
      ...titled,
      items: z.array(object({ role: text(), duties: z.array(text()).min(1) })).min(1),
    }),
    object({
      type: z.literal('definitions'),
      ...titled,
      items: z.array(object({ term: text(), definition: text() })).min(1),
    }),
    object({ type: z.literal('safety'), ...titled, callouts: z.array(callout).min(1) }),
    object({ type: z.literal('qualifications'), ...titled, items: z.array(text()).min(1) }),
    object({
      type: z.literal('materials'),
      ...titled,
      items: z
        .array(object({ item: text(), quantity: textOrNumber().optional(), specification: textOrNumber().optional() }))
        .min(1),
    }),
    object({
      type: z.literal('procedure'),
      ...titled,
      steps: z.array(step).min(1, { error: 'expected at least one step' }),
    }),
    object({
      type: z.literal('records'),
      ...titled,
      items: z
        .array(object({ name: text(), location: text().optional(), retention: textOrNumber().optional() }))
        .min(1),
    }),
    object({
      type: z.literal('references'),
      ...titled,
      items: z.array(object({ title: text(), url: text().optional() })).min(1),
    }),
    object({
      type: z.literal('revision-history'),
      ...titled,
      items: z.array(object({ version: textOrNumber(), date: date(), author: text(), change: text() })).min(1),
    }),
    object({ type: z.literal('section'), title: text(), text: text() }),
  ]);

  return object({
    id: text(),
    title: text(),
    version: text(),
    status: z.enum(['draft', 'in-review', 'approved', 'obsolete']),
    effectiveDate: date().optional(),
    reviewDate: date().optional(),
    owner: text().optional(),
    department: text().optional(),
    approvals: z.array(object({ role: text(), name: text(), date: date().optional() })).optional(),
    modules: z.array(module).min(1, { error: 'expected at least one module' }),
  });
}

/** Reports unknown keys as `unrecognized_keys` issues. */
export const strictSopSchema = build(z.strictObject);
/** Drops unknown keys; used once the only issues left are unknown keys. */
export const looseSopSchema = build(z.object as ObjectFactory);

/** Parses with the loose schema; the caller has already checked it is valid. */
export function toDocument(data: unknown): SopDocument {
  return looseSopSchema.parse(data) as SopDocument;
}
