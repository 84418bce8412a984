/**
 * Diagnostics of SOP loading and rendering: one payload shape for the terminal and the browser
 * overlay (it extends the wire protocol's {@link PreviewErrorPayload}).
 *
 * @packageDocumentation
 */
import type { PreviewErrorPayload } from '../shared/protocol.js';

/** Stable codes of SOP diagnostics, documented in docs/errors.md. */
export const SopDiagnosticCode = {
  /** The YAML (file or Markdown front matter) does not parse. */
  YamlSyntax: 'SOP_ERR_YAML_SYNTAX',
  /** A value has the wrong type or shape, or a required field is missing. */
  Schema: 'SOP_ERR_SCHEMA',
  /** Two steps share one explicit `id`. */
  DuplicateId: 'SOP_ERR_DUPLICATE_ID',
  /** A module `type` the renderer does not know. */
  UnknownModule: 'SOP_ERR_UNKNOWN_MODULE',
  /** A `*.sop.md` body does not follow the Markdown conventions. */
  Markdown: 'SOP_ERR_MARKDOWN',
  /** The source file cannot be read. */
  Read: 'SOP_ERR_READ',
  /** The output folder of a build cannot be written. */
  Write: 'SOP_ERR_WRITE',
  /** A key the schema does not know; ignored. */
  UnknownKey: 'SOP_WARN_UNKNOWN_KEY',
  /** An image or theme asset does not exist; a placeholder is shown. */
  MissingMedia: 'SOP_WARN_MISSING_MEDIA',
} as const;

/** One of {@link SopDiagnosticCode}'s values. */
export type SopDiagnosticCodeValue = (typeof SopDiagnosticCode)[keyof typeof SopDiagnosticCode];

/** An error or warning about a document, with where it is and what was expected. */
export interface SopDiagnostic extends PreviewErrorPayload {
  code: SopDiagnosticCodeValue;
  /** `error` stops the render; `warning` does not. */
  severity: 'error' | 'warning';
  /** Path in the document, e.g. `procedure.steps[3].text`. */
  path?: string;
}

/**
 * What the overlay shows of a diagnostic: the wire payload without the fields only the terminal
 * and the editor use (severity, document path). The one conversion every render path uses.
 */
export function diagnosticPayload(diagnostic: SopDiagnostic): PreviewErrorPayload {
  const payload: PreviewErrorPayload = { code: diagnostic.code, message: diagnostic.message };
  if (diagnostic.file !== undefined) payload.file = diagnostic.file;
  if (diagnostic.line !== undefined) payload.line = diagnostic.line;
  if (diagnostic.column !== undefined) payload.column = diagnostic.column;
  if (diagnostic.frame !== undefined) payload.frame = diagnostic.frame;
  return payload;
}

/** A 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A few source lines around `position` with line numbers and a caret under the column, in the
 * plain-text style of Vite and Babel so terminals and the overlay show the same thing.
 */
export function codeFrame(source: string, position: SourcePosition, contextLines = 2): string {
  const lines = source.split(/\r\n|\r|\n/);
  const target = Math.min(Math.max(position.line, 1), Math.max(lines.length, 1));
  const first = Math.max(1, target - contextLines);
  const last = Math.min(lines.length, target + contextLines);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const mark = n === target ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`.trimEnd());
    if (n === target) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(position.column - 1, 0))}^`);
  }
  return out.join('\n');
}

/** Builds a diagnostic located in `source` (adds the code frame when the position is known). */
export function diagnosticAt(
  init: Omit<SopDiagnostic, 'line' | 'column' | 'frame'>,
  source: string | undefined,
  position: SourcePosition | undefined,
): SopDiagnostic {
  const diagnostic: SopDiagnostic = { ...init };
  if (diagnostic.file === undefined) delete diagnostic.file;
  if (diagnostic.path === undefined) delete diagnostic.path;
  if (position) {
    diagnostic.line = position.line;
    diagnostic.column = position.column;
    if (source !== undefined) diagnostic.frame = codeFrame(source, position);
  }
  return diagnostic;
}

/** Terminal form: `file:line:col  message [code]`, then the code frame. */
export function formatDiagnostic(d: SopDiagnostic): string {
  let where = d.file ?? '<input>';
  if (d.line !== undefined) where += `:${d.line}`;
  if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
  const head = `${where}  ${d.severity}: ${d.message} [${d.code}]`;
  return d.frame ? `${head}\n${d.frame}` : head;
}
