/**
 * Every key the schema knows anywhere, collected from the schema itself, for "did you mean" on
 * unknown keys.
 *
 * @packageDocumentation
 */
import { z } from 'zod';

function collect(schema: z.core.$ZodType, keys: Set<string>, seen: Set<z.core.$ZodType>): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries(schema.shape)) {
      keys.add(key);
      collect(value, keys, seen);
    }
  } else if (schema instanceof z.ZodArray) collect(schema.element, keys, seen);
  else if (schema instanceof z.ZodOptional) collect(schema.unwrap(), keys, seen);
  else if (schema instanceof z.ZodUnion) for (const option of schema.options) collect(option, keys, seen);
  else if (schema instanceof z.ZodPipe) collect(schema.in, keys, seen);
}

/** Keys of every object in `schema`, in the order they are first met. */
export function knownKeys(schema: z.core.$ZodType): string[] {
  const keys = new Set<string>();
  collect(schema, keys, new Set());
  return [...keys];
}
