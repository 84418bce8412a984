/**
 * `loadSop()`: a path or text in, a validated {@link SopDocument} or located diagnostics out.
 *
 * @packageDocumentation
 */
import { resolve } from 'node:path';
import type { SopDiagnostic } from './diagnostic.js';
import { parseMarkdownSop } from './load-markdown.js';
import { parseYaml } from './load-yaml.js';
import type { SopDocument } from './model.js';
import { readSource } from './read-source.js';
import { formatOf, type SopFormat } from './source-files.js';

export type { SopFormat } from './source-files.js';

import { validateSop } from './validate.js';

/** SOP text with an optional file name (for messages and relative media) and format. */
export interface SopTextSource {
  text: string;
  /** Shown in diagnostics; relative images resolve against its folder. */
  file?: string;
  /**
   * `markdown` for `*.sop.md`, `yaml` for `*.sop.yaml`.
   * @default from the extension of `file`, else `markdown` when the text starts with `---`, else `yaml`
   */
  format?: SopFormat;
}

/** What {@link loadSop} returns; it never throws for a bad document. */
export type SopLoadResult =
  | { ok: true; document: SopDocument; warnings: SopDiagnostic[] }
  | { ok: false; errors: SopDiagnostic[]; warnings: SopDiagnostic[] };

/**
 * Loads an SOP from a file path or from text.
 *
 * @example
 * const result = await loadSop('examples/lab/ph-meter-calibration.sop.yaml');
 * if (!result.ok) console.error(result.errors.map(formatDiagnostic).join('\n'));
 */
export async function loadSop(source: string | SopTextSource): Promise<SopLoadResult> {
  if (typeof source === 'string') {
    const file = resolve(source);
    const read = await readSource(file, 'SOP');
    if (!read.ok) return { ok: false, errors: [read.error], warnings: [] };
    return loadSopText({ text: read.text, file });
  }
  return loadSopText(source);
}

/** Synchronous core of {@link loadSop} for text already in memory. */
export function loadSopText(source: SopTextSource): SopLoadResult {
  // A byte-order mark would shift every column of the first line.
  const text = source.text.replace(/^\uFEFF/, '');
  const { file } = source;
  const format = source.format ?? (file ? formatOf(file) : undefined) ?? (text.startsWith('---') ? 'markdown' : 'yaml');
  const parsed = format === 'markdown' ? parseMarkdownSop(text, file) : parseYaml(text, file);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };
  return validateSop({ data: parsed.data, source: text, file, locate: parsed.locate });
}
