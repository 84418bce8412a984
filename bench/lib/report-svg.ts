/**
 * The latency chart of BENCHMARKS.md: horizontal bars of median save-to-screen latency per tool,
 * grouped by case, drawn as plain SVG (no chart library for one picture). Linear scale on purpose:
 * a log scale would hide how far apart the tools are.
 */
import type { BenchCase } from './results.js';

/** Fixed colours so a tool keeps its colour across runs. */
const COLOURS: Record<string, string> = {
  'sop-preview': '#1f77b4',
  'sop-preview (library)': '#17becf',
  'live-server': '#ff7f0e',
  'five-server': '#2ca02c',
  'browser-sync': '#d62728',
};

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WIDTH = 760;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 110;
const ROW = 20;
const HEADING = 26;

/** Renders the bar chart of `medianMs` for `cases` (one results file's cases) as an SVG document. */
export function renderLatencySvg(cases: readonly BenchCase[], title: string): string {
  const groups = new Map<string, BenchCase[]>();
  for (const item of cases) groups.set(item.name, [...(groups.get(item.name) ?? []), item]);
  const medians = cases
    .map((item) => item.metrics.medianMs)
    .filter((value): value is number => typeof value === 'number');
  const max = Math.max(1, ...medians);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const parts: string[] = [];
  let y = 40;
  for (const [name, items] of groups) {
    parts.push(`<text x="10" y="${y + 16}" font-weight="bold">${escapeXml(name)}</text>`);
    y += HEADING;
    for (const item of items) {
      const tool = item.tool ?? '';
      const value = item.metrics.medianMs;
      parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + 14}" text-anchor="end">${escapeXml(tool)}</text>`);
      if (item.status === 'ok' && typeof value === 'number') {
        const width = Math.max(1, (value / max) * barSpace);
        const colour = COLOURS[tool] ?? '#7f7f7f';
        parts.push(
          `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width.toFixed(1)}" height="${ROW - 6}" fill="${colour}"/>`,
        );
        parts.push(`<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 14}">${value} ms</text>`);
      } else {
        parts.push(`<text x="${LABEL_WIDTH}" y="${y + 14}" fill="#777">${escapeXml(item.status)}</text>`);
      }
      y += ROW;
    }
    y += 6;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
