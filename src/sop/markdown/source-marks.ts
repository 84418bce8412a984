/**
 * Where each value read from a Markdown body was written: a line per data path, the column found
 * only when a diagnostic asks for it.
 *
 * @packageDocumentation
 */
import type { SourcePosition } from '../diagnostic.js';
import type { DataPath } from '../validate.js';

const pathKey = (path: DataPath) => path.join('\u0000');

/** Line marks of one Markdown SOP; body lines are counted from the line after the front matter. */
export class SourceMarks {
  private readonly marks = new Map<string, { line: number; text: string }>();

  /**
   * @param lines the whole source, split into lines
   * @param bodyStart index in `lines` of the first body line
   */
  constructor(
    private readonly lines: readonly string[],
    private readonly bodyStart: number,
  ) {}

  /** The 1-based source line of body line `line0` (0-based, as markdown-it maps blocks). */
  sourceLine(line0: number): number {
    return line0 + this.bodyStart + 1;
  }

  /** Records that the value at `path` was written on body line `line0`, starting with `text`. */
  mark(path: DataPath, line0: number, text = ''): void {
    this.marks.set(pathKey(path), { line: this.sourceLine(line0), text });
  }

  /** Where the value at `path` was written, if it was marked. */
  find(path: DataPath): SourcePosition | undefined {
    const mark = this.marks.get(pathKey(path));
    return mark && { line: mark.line, column: this.columnOf(mark.line, mark.text) };
  }

  /** Column of `text` on source line `line`, else of the content after list and quote markers. */
  columnOf(line: number, text: string): number {
    const sourceLine = this.lines[line - 1] ?? '';
    const probe = text.split('\n')[0]!.slice(0, 20);
    const found = probe ? sourceLine.indexOf(probe) : -1;
    // Without text to find, point past list and quote markers at where the content would be.
    return found >= 0 ? found + 1 : sourceLine.search(/[^\s>*+\-\d.)]|$/) + 1;
  }
}
