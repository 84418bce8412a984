/**
 * A plain data table, shared by the tabular modules (materials, records, revision history).
 *
 * @packageDocumentation
 */
import { renderInlineMarkdown } from '../markdown-text.js';

/** A column: its header and how to read the (inline Markdown) cell from a row. */
export interface Column<T> {
  header: string;
  cell: (row: T) => string | undefined;
}

/** Renders rows as a `<table>`; empty cells stay empty. */
export function renderTable<T>(className: string, columns: Column<T>[], rows: T[]): string {
  const head = columns.map((column) => `<th scope="col">${column.header}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${columns.map((column) => `<td>${renderInlineMarkdown(column.cell(row) ?? '')}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table class="sop-table ${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
