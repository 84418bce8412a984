/**
 * The SOP model as a JSON Schema, generated from the zod schema (never written by hand), so the
 * editor's completion and the validator cannot disagree.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { strictSopSchema } from './schema.js';

/** JSON Schema (draft 2020-12) of a `*.sop.yaml` document. */
export function sopJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(strictSopSchema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
}
