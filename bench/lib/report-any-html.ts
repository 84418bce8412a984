/**
 * The `any-html` section of BENCHMARKS.md: per page (real-world and synthetic), each tool's
 * save → shown median (p90) and its ratio to live-server's median in the same run, then bytes per
 * edit, reloads per edit and whether the scroll stayed. Pure, so it is tested with made-up results.
 */
import type { BenchCase, MetricValue } from './results.js';

/** The tool every ratio is taken against: the most used peer. */
export const BASELINE_TOOL = 'live-server';

/** The row groups, in the order they are shown. */
export const PAGE_GROUPS = [
  { group: 'real-world', title: 'Real-world pages (found on the machine at run time, scripts removed)' },
  { group: 'synthetic', title: 'Synthetic pages without `data-block` keys on what is edited' },
] as const;

/** `1234567` → `1.2 MB`, `393000` → `393 KB`, `228` → `228 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(bytes >= 10_000_000 ? 0 : 1)} MB`;
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`;
  return `${Math.round(bytes)} B`;
}

/** A ratio to one significant decimal at least: `0.06×`, `1.7×`, `18×`. */
export function formatRatio(ratio: number): string {
  if (ratio >= 10) return `${Math.round(ratio)}×`;
  if (ratio >= 1) return `${ratio.toFixed(1)}×`;
  return `${ratio.toPrecision(1)}×`;
}

const num = (value: MetricValue | undefined): number | undefined => (typeof value === 'number' ? value : undefined);

/** The case of `tool` on page `name`, if any. */
export function caseOf(cases: readonly BenchCase[], name: string, tool: string): BenchCase | undefined {
  return cases.find((item) => item.name === name && item.tool === tool);
}

/** `tool`'s median over live-server's on the same page, when both were measured. */
export function ratioToBaseline(cases: readonly BenchCase[], name: string, tool: string): number | undefined {
  const mine = num(caseOf(cases, name, tool)?.metrics.medianMs);
  const baseline = num(caseOf(cases, name, BASELINE_TOOL)?.metrics.medianMs);
  return mine !== undefined && baseline !== undefined && baseline > 0 ? mine / baseline : undefined;
}

/** Page names of `group`, in the order the benchmark ran them. */
export function pagesOf(cases: readonly BenchCase[], group: string): string[] {
  return [...new Set(cases.filter((item) => item.metrics.group === group).map((item) => item.name))];
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** The page's size (and source, for real pages) as the first cells. */
function pageCells(cases: readonly BenchCase[], name: string): string[] {
  const any = cases.find((item) => item.name === name && num(item.metrics.documentBytes) !== undefined);
  const bytes = num(any?.metrics.documentBytes);
  const source =
    typeof any?.metrics.page === 'string' && any.metrics.page !== 'generated' ? ` (${any.metrics.page})` : '';
  return [`${name.replace(/\|/g, '\\|')}${source}`, bytes === undefined ? '–' : formatBytes(bytes)];
}

/** A measured case's cell text, given the case and its page; `undefined` when not measured. */
type CellText = (item: BenchCase, name: string) => string | undefined;

/** One table: a row per page, a column per tool, each cell from `text` (or the case's status). */
function pageTable(
  cases: readonly BenchCase[],
  pages: readonly string[],
  tools: readonly string[],
  text: CellText,
): string[] {
  const out = [row(['page', 'size', ...tools]), row(['---', '---', ...tools.map(() => '---')])];
  for (const name of pages) {
    const cells = tools.map((tool) => {
      const item = caseOf(cases, name, tool);
      return (item?.status === 'ok' ? text(item, name) : undefined) ?? item?.status ?? '';
    });
    out.push(row([...pageCells(cases, name), ...cells]));
  }
  return out;
}

const wireCell: CellText = (item) => {
  const bytes = num(item.metrics.bytesPerEdit);
  return bytes === undefined
    ? undefined
    : `${formatBytes(bytes)} · ${item.metrics.reloadsPerEdit} · ${item.metrics.scrollKept}`;
};

/** Renders the section's tables (without the "all figures" table, which the caller adds). */
export function anyHtmlTables(cases: readonly BenchCase[]): string[] {
  const tools = [...new Set(cases.map((item) => item.tool ?? ''))];
  const out: string[] = [];
  for (const { group, title } of PAGE_GROUPS) {
    const pages = pagesOf(cases, group);
    if (pages.length === 0) continue;
    const time: CellText = (item, name) => {
      const median = num(item.metrics.medianMs);
      if (median === undefined) return undefined;
      const ratio = ratioToBaseline(cases, name, item.tool ?? '');
      return `${median} (${num(item.metrics.p90Ms) ?? '–'})${ratio === undefined ? '' : ` · ${formatRatio(ratio)}`}`;
    };
    out.push(`### ${title}`, '');
    out.push(`Save → the page shows the edit: median (p90) ms, and × ${BASELINE_TOOL}'s median in the same run:`, '');
    out.push(...pageTable(cases, pages, tools, time), '');
    out.push(
      'Bytes received per edit · reloads per edit · view kept (edits after which the content at the top of the view had not moved):',
      '',
    );
    out.push(...pageTable(cases, pages, tools, wireCell), '');
  }
  const skipped = cases.filter((item) => item.status === 'n/a' && item.tool === tools[0]);
  if (skipped.length > 0) {
    out.push(
      `Skipped: ${skipped.map((item) => `${item.name} (${item.note?.replace(/^skipped: /, '')})`).join('; ')}.`,
      '',
    );
  }
  return out;
}
