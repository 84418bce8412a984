/**
 * `sop-preview schema [--out FILE]`: the JSON Schema of `*.sop.yaml` for any editor with a YAML
 * language server (see docs/editors.md). It is {@link sopJsonSchema}, the one the browser editor
 * uses, so every editor checks the same rules.
 *
 * @packageDocumentation
 */
import { mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { writeAtomic } from '../edit/write-path.js';
import { sopJsonSchema } from '../sop/json-schema.js';
import type { CliOutput } from './serve-command.js';

/** Flags of `sop-preview schema`. */
export interface SchemaFlags {
  /** Write the schema to this file (replacing it) instead of printing it. */
  out?: string;
}

/** The schema as a file holds it: indented JSON ending in a newline, so diffs stay readable. */
export function schemaText(): string {
  return `${JSON.stringify(sopJsonSchema(), null, 2)}\n`;
}

/** Prints the schema, or writes it to `flags.out` atomically; exit code 0. */
export async function schema(flags: SchemaFlags, output: CliOutput): Promise<number> {
  const text = schemaText();
  if (flags.out === undefined) {
    output.out(text.trimEnd());
    return 0;
  }
  const target = resolve(flags.out);
  await mkdir(dirname(target), { recursive: true });
  // Atomic, so an editor watching the file never loads half a schema.
  await writeAtomic(dirname(target), target, text);
  output.out(`wrote ${relative(process.cwd(), target) || target}`);
  return 0;
}
