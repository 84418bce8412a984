/**
 * `*.sop.md` → the same raw data shape as `*.sop.yaml`: YAML front matter for the metadata,
 * `##` headings for modules, each section read by its module type's reader (`markdown/readers/`).
 * Positions of every produced value are kept for diagnostics.
 *
 * @packageDocumentation
 */
import { diagnosticAt, type SopDiagnostic, SopDiagnosticCode, type SourcePosition } from './diagnostic.js';
import { parseYaml } from './load-yaml.js';
import { moduleTypeOf } from './markdown/headings.js';
import { lineOf, MarkdownError, ReaderContext } from './markdown/reader-context.js';
import { MODULE_READERS } from './markdown/registry.js';
import { SourceMarks } from './markdown/source-marks.js';
import { type BlockNode, inlineOf, parseBlocks } from './markdown-tree.js';
import { DEFAULT_TITLES } from './schema/modules.js';
import type { Locate } from './validate.js';

/** Raw data and locator of a Markdown SOP, or errors. */
export type MarkdownParseResult = { ok: true; data: unknown; locate: Locate } | { ok: false; errors: SopDiagnostic[] };

/** Parses a `*.sop.md` text. */
export function parseMarkdownSop(source: string, file: string | undefined): MarkdownParseResult {
  const lines = source.split(/\r\n|\r|\n/);
  const fail = (message: string, position: SourcePosition): MarkdownParseResult => ({
    ok: false,
    errors: [diagnosticAt({ code: SopDiagnosticCode.Markdown, severity: 'error', message, file }, source, position)],
  });
  if (lines[0]?.trim() !== '---') {
    return fail('a .sop.md file starts with YAML front matter between "---" lines (id, title, version, status)', {
      line: 1,
      column: 1,
    });
  }
  const end = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (end < 0)
    return fail('front matter is not closed: add a line with "---" after the metadata', { line: 1, column: 1 });
  const front = parseYaml(lines.slice(1, end).join('\n'), file, 1, source);
  if (!front.ok) return front;
  const frontData = front.data ?? {};
  if (typeof frontData !== 'object' || Array.isArray(frontData)) {
    return fail('front matter must be a mapping of metadata (id, title, version, status, ...)', { line: 2, column: 1 });
  }

  // Body lines are numbered from the line after the closing "---".
  const bodyStart = end + 1;
  const marks = new SourceMarks(lines, bodyStart);
  const body = lines.slice(bodyStart).join('\n');
  const bodyLines = body.split('\n');
  const blocks = parseBlocks(body);
  const modules: Record<string, unknown>[] = [];
  try {
    let index = -1;
    while (++index < blocks.length) {
      const block = blocks[index]!;
      if (block.type === 'heading' && block.tag === 'h1') continue;
      if (block.type !== 'heading' || block.tag !== 'h2') {
        throw new MarkdownError(
          'content before the first "## " heading belongs to no module: start a module with "## Purpose" or similar',
          lineOf(block),
        );
      }
      const heading = inlineOf(block).trim();
      const children: BlockNode[] = [];
      while (index + 1 < blocks.length && !(blocks[index + 1]!.type === 'heading' && blocks[index + 1]!.tag === 'h2')) {
        children.push(blocks[++index]!);
      }
      const nextLine = index + 1 < blocks.length ? lineOf(blocks[index + 1]) : bodyLines.length;
      const path = ['modules', modules.length];
      const type = moduleTypeOf(heading);
      const module: Record<string, unknown> = { type };
      if (type === 'section' || heading !== DEFAULT_TITLES[type]) module.title = heading;
      marks.mark(path, lineOf(block));
      marks.mark([...path, 'type'], lineOf(block), heading);
      marks.mark([...path, 'title'], lineOf(block), heading);
      const text = bodyLines
        .slice(block.map?.[1] ?? 0, nextLine)
        .join('\n')
        .trim();
      const read = MODULE_READERS[type];
      modules.push({ ...module, ...read(new ReaderContext(type, block, children, text, path, marks)) });
    }
  } catch (caught) {
    if (!(caught instanceof MarkdownError)) throw caught;
    const line = marks.sourceLine(caught.line);
    return fail(caught.message, { line, column: marks.columnOf(line, '') });
  }

  const data = { ...(frontData as Record<string, unknown>), modules };
  const locate: Locate = (path, key = false) => {
    if (path[0] !== 'modules') return front.locate(path, key);
    if (path.length === 1) return front.locate(path, key) ?? { line: bodyStart + 1, column: 1 };
    return marks.find(path);
  };
  return { ok: true, data, locate };
}
