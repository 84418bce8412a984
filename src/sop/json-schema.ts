/**
 * The JSON Schema of `*.sop.yaml` sources, generated from the zod schema (and so from the module
 * table) for editors: completion of keys, module types and word lists, hover text from the
 * descriptions, and the same structural rules validation applies.
 *
 * @packageDocumentation
 */
import { z } from 'zod';
import { sopSchema } from './schema/document.js';

/**
 * The JSON Schema (draft 2020-12) of what an author writes in a `*.sop.yaml` file: the input side
 * of the schema, so versions and quantities may be numbers. Rules JSON Schema cannot state (a real
 * calendar date, unique step ids) are left to validation; dates carry `format: "date"`. A fresh
 * object on every call, safe to modify.
 *
 * @example
 * writeFileSync('sop.schema.json', JSON.stringify(sopJsonSchema(), null, 2));
 */
export function sopJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(sopSchema, {
    io: 'input',
    // Only the deepest steps' `steps: undefined` has no JSON form; it becomes "must be absent".
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'undefined') jsonSchema.not = {};
    },
  });
}
