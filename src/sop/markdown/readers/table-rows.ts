/**
 * Tabular modules (definitions, materials, records, revision history): one table whose columns are
 * matched to fields by header, case-insensitively.
 *
 * @packageDocumentation
 */
import { didYouMean } from '../../did-you-mean.js';
import { type BlockNode, inlineOf } from '../../markdown-tree.js';
import type { ReaderContext } from '../reader-context.js';

/** Columns of a table, keyed by lower-cased header, with the value of each body row. */
function readTable(node: BlockNode): { headers: string[]; rows: { cells: string[]; line: number }[] } {
  const head = node.children.find((c) => c.type === 'thead');
  const body = node.children.find((c) => c.type === 'tbody');
  const cells = (row: BlockNode) => row.children.map((cell) => inlineOf(cell).trim());
  const headers = head?.children[0] ? cells(head.children[0]).map((h) => h.toLowerCase()) : [];
  const rows = (body?.children ?? []).map((row) => ({ cells: cells(row), line: row.map?.[0] ?? 0 }));
  return { headers, rows };
}

/**
 * Reads the section's one table into `items`. `columns` maps each field to the headers that name
 * it, the first being the one error messages suggest; `hint` describes the expected table.
 */
export function readRows<F extends string>(
  context: ReaderContext,
  hint: string,
  columns: Record<F, readonly string[]>,
): { items: Partial<Record<F, string>>[] } {
  const tables = context.only('table', hint);
  const table = tables[0];
  if (!table) return { items: [] };
  if (tables.length > 1) throw context.error('expected one table', tables[1]);
  const { headers, rows } = readTable(table);
  const fields = Object.entries(columns) as [F, readonly string[]][];
  const indexOf: [F, number][] = [];
  for (const [field, names] of fields) {
    const at = headers.findIndex((h) => names.includes(h));
    if (at >= 0) indexOf.push([field, at]);
  }
  const known = fields.flatMap(([, names]) => names);
  for (const header of headers) {
    if (!known.includes(header)) {
      throw context.error(
        `unknown table column "${header}"${didYouMean(header, known)}; expected ${fields.map(([, names]) => names[0]).join(', ')}`,
        table,
      );
    }
  }
  const path = context.path;
  return {
    items: rows.map((row, i) => {
      const item: Partial<Record<F, string>> = {};
      context.mark([...path, 'items', i], row.line, row.cells[0] ?? '');
      for (const [field, at] of indexOf) {
        const value = row.cells[at];
        if (value) {
          item[field] = value;
          context.mark([...path, 'items', i, field], row.line, value);
        }
      }
      return item;
    }),
  };
}
