/**
 * The validator's diagnostics as CodeMirror lint marks: from the reported line and column to the
 * end of the token there, so the mark sits on the value that is wrong, and in the gutter.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorDiagnostic } from '../shared/protocol.js';

/** Converts server diagnostics (1-based line and column) to ranges in `doc`. */
export function toLintMarks(doc: Text, items: readonly EditorDiagnostic[]): Diagnostic[] {
  return items.map((item) => {
    const line = doc.line(Math.min(Math.max(item.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(item.column - 1, 0), line.to);
    const rest = line.text.slice(from - line.from);
    const token = /^\S+/.exec(rest)?.[0].length ?? 0;
    // A column at the end of a line (or on blank space) marks the whole line instead of nothing.
    const [start, end] = token > 0 ? [from, from + token] : [line.from, line.to];
    return { from: start, to: end, severity: item.severity, message: item.message, source: item.code };
  });
}
