/**
 * The field kinds SOP sources are built from, with the error messages authors see and the
 * descriptions an editor shows on hover.
 *
 * @packageDocumentation
 */
import { z } from 'zod';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Non-empty text; `description` says what it holds (and whether Markdown is allowed). */
export const text = (description: string) =>
  z.string({ error: 'expected text' }).min(1, { error: 'expected non-empty text' }).describe(description);

/** An ISO calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export const date = (description: string) =>
  z
    .string({ error: 'expected a date YYYY-MM-DD' })
    .refine(isRealDate, { error: 'expected a real calendar date YYYY-MM-DD' })
    // The refinement has no JSON Schema form; `format: date` is the same rule for editors.
    .meta({ description, format: 'date' });

/** Text that authors often write as a bare number (`1.0`, `5`); kept as text for display. */
export const textOrNumber = (description: string) =>
  z
    .union([text(description), z.number()], { error: 'expected text or a number' })
    .transform((value) => String(value))
    .describe(description);

/** A stable id for a step: letters, digits, `-` or `_`, starting with a letter. */
export const stepId = () =>
  z
    .string({ error: 'expected text' })
    .regex(/^[A-Za-z][\w-]*$/, { error: 'expected an id of letters, digits, "-" or "_", starting with a letter' })
    .describe('Stable id of the step (its block key and anchor); letters, digits, "-" or "_", starting with a letter.');
