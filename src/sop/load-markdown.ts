/**
 * `*.sop.md` → the same raw data shape as `*.sop.yaml`: YAML front matter for the metadata,
 * `##` headings for modules, ordered lists for steps, `> **Warning:** ...` for callouts, tables
 * for tabular modules. Positions of every produced value are kept for diagnostics.
 *
 * @packageDocumentation
 */
import { diagnosticAt, type SopDiagnostic, SopDiagnosticCode, type SourcePosition } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { parseYaml } from './load-yaml.js';
import { type BlockNode, inlineOf, parseBlocks } from './markdown-tree.js';
import type { SopModuleType } from './model.js';
import { DEFAULT_TITLES } from './module-titles.js';
import type { DataPath, Locate } from './validate.js';

/** Raw data and locator of a Markdown SOP, or errors. */
export type MarkdownParseResult = { ok: true; data: unknown; locate: Locate } | { ok: false; errors: SopDiagnostic[] };

// Headings are matched case-insensitively; anything else becomes a free `section`.
const HEADINGS: Record<string, SopModuleType> = {
  purpose: 'purpose',
  scope: 'scope',
  'purpose and scope': 'purpose',
  summary: 'summary',
  'summary of method': 'summary',
  responsibilities: 'responsibilities',
  'roles and responsibilities': 'responsibilities',
  definitions: 'definitions',
  'terms and definitions': 'definitions',
  safety: 'safety',
  'health and safety': 'safety',
  'safety precautions': 'safety',
  qualifications: 'qualifications',
  'personnel qualifications': 'qualifications',
  materials: 'materials',
  equipment: 'materials',
  'materials and equipment': 'materials',
  'equipment and supplies': 'materials',
  procedure: 'procedure',
  'quality control': 'quality-control',
  records: 'records',
  references: 'references',
  'revision history': 'revision-history',
};

const CALLOUT = /^\*\*(danger|warning|caution|note)\s*:?\s*\*\*\s*:?\s*/i;
const CALLOUT_LABEL = /^\*\*([^*]+?)\s*:?\s*\*\*\s*:?/;
const ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;
const CHECKBOX = /^\[( |x|X)\]\s+/;
const LINK_ONLY = /^\[([^\]]+)\]\(\s*(\S+?)\s*\)$/;
const IMAGE_ONLY = /^!\[([^\]]*)\]\(\s*(\S+?)(?:\s+"([^"]*)")?\s*\)$/;

class MarkdownError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Columns of a table, keyed by lower-cased header, with the value of each body row. */
function readTable(node: BlockNode): { headers: string[]; rows: { cells: string[]; line: number }[] } {
  const head = node.children.find((c) => c.type === 'thead');
  const body = node.children.find((c) => c.type === 'tbody');
  const cells = (row: BlockNode) => row.children.map((cell) => inlineOf(cell).trim());
  const headers = head?.children[0] ? cells(head.children[0]).map((h) => h.toLowerCase()) : [];
  const rows = (body?.children ?? []).map((row) => ({ cells: cells(row), line: row.map?.[0] ?? 0 }));
  return { headers, rows };
}

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
  // Columns are only needed for diagnostics, so they are computed when a position is asked for.
  const positions = new Map<string, { line: number; text: string }>();
  const columnOf = (line: number, text: string): number => {
    const sourceLine = lines[line - 1] ?? '';
    const probe = text.split('\n')[0]!.slice(0, 20);
    const found = probe ? sourceLine.indexOf(probe) : -1;
    // Without text to find, point past list and quote markers at where the content would be.
    return found >= 0 ? found + 1 : sourceLine.search(/[^\s>*+\-\d.)]|$/) + 1;
  };
  const pathKey = (path: DataPath) => path.join('\u0000');
  const mark = (path: DataPath, line0: number, text = '') => {
    positions.set(pathKey(path), { line: line0 + bodyStart + 1, text });
  };
  const lineOf = (node: BlockNode | undefined): number => node?.map?.[0] ?? 0;
  const error = (message: string, node: BlockNode | undefined) => new MarkdownError(message, lineOf(node));

  const body = lines.slice(bodyStart).join('\n');
  const blocks = parseBlocks(body);
  const modules: Record<string, unknown>[] = [];
  try {
    let index = -1;
    while (++index < blocks.length) {
      const block = blocks[index]!;
      if (block.type === 'heading' && block.tag === 'h1') continue;
      if (block.type !== 'heading' || block.tag !== 'h2') {
        throw error(
          'content before the first "## " heading belongs to no module: start a module with "## Purpose" or similar',
          block,
        );
      }
      const heading = inlineOf(block).trim();
      const children: BlockNode[] = [];
      while (index + 1 < blocks.length && !(blocks[index + 1]!.type === 'heading' && blocks[index + 1]!.tag === 'h2')) {
        children.push(blocks[++index]!);
      }
      const nextLine = index + 1 < blocks.length ? lineOf(blocks[index + 1]) : body.split('\n').length;
      const path = ['modules', modules.length];
      const type = HEADINGS[heading.toLowerCase()] ?? 'section';
      const module: Record<string, unknown> = { type };
      if (type === 'section' || heading !== DEFAULT_TITLES[type]) module.title = heading;
      mark(path, lineOf(block));
      mark([...path, 'type'], lineOf(block), heading);
      mark([...path, 'title'], lineOf(block), heading);
      const sectionLines = body.split('\n').slice(block.map?.[1] ?? 0, nextLine);
      readModule(type, module, children, path, sectionLines.join('\n').trim(), block);
      modules.push(module);
    }
  } catch (caught) {
    if (!(caught instanceof MarkdownError)) throw caught;
    const line = caught.line + bodyStart + 1;
    return fail(caught.message, { line, column: columnOf(line, '') });
  }

  function readModule(
    type: SopModuleType,
    module: Record<string, unknown>,
    children: BlockNode[],
    path: DataPath,
    rawText: string,
    heading: BlockNode,
  ): void {
    const first = children[0];
    const only = (kind: string, hint: string): BlockNode[] => {
      const wrong = children.find((c) => c.type !== kind);
      if (wrong)
        throw error(`"${DEFAULT_TITLES[type]}" expects ${hint}, found ${wrong.type.replace(/_/g, ' ')}`, wrong);
      return children;
    };
    switch (type) {
      case 'purpose':
      case 'scope':
      case 'summary':
      case 'quality-control':
      case 'section':
        if (rawText) module.text = rawText;
        mark([...path, 'text'], first ? lineOf(first) : lineOf(heading), rawText);
        return;
      case 'qualifications': {
        const list = only('bullet_list', 'a bullet list')[0];
        module.items = (list?.children ?? []).map((item, i) => {
          const text = inlineOf(item).trim();
          mark([...path, 'items', i], lineOf(item), text);
          return text;
        });
        return;
      }
      case 'references': {
        const list = only('bullet_list', 'a bullet list of references')[0];
        module.items = (list?.children ?? []).map((item, i) => {
          const text = inlineOf(item).trim();
          mark([...path, 'items', i], lineOf(item), text);
          const link = LINK_ONLY.exec(text);
          return link ? { title: link[1], url: link[2] } : { title: text };
        });
        return;
      }
      case 'responsibilities': {
        const list = only('bullet_list', 'a bullet list of roles with their duties as a nested list')[0];
        module.items = (list?.children ?? []).map((item, i) => {
          const head = inlineOf(item).trim();
          const match = /^\*\*(.+?):?\*\*:?\s*(.*)$/.exec(head);
          const role = (match ? match[1]! : head).trim();
          const duties: string[] = match?.[2] ? [match[2]] : [];
          const nested = item.children.find((c) => c.type === 'bullet_list');
          for (const duty of nested?.children ?? []) {
            mark([...path, 'items', i, 'duties', duties.length], lineOf(duty), inlineOf(duty));
            duties.push(inlineOf(duty).trim());
          }
          mark([...path, 'items', i], lineOf(item), head);
          mark([...path, 'items', i, 'role'], lineOf(item), head);
          return { role, duties };
        });
        return;
      }
      case 'safety':
        module.callouts = only('blockquote', 'callouts such as "> **Warning:** text"').map((quote, i) =>
          readCallout(quote, [...path, 'callouts', i]),
        );
        return;
      case 'procedure': {
        const list = only('ordered_list', 'an ordered list of steps ("1. ...")')[0];
        module.steps = readSteps(list, [...path, 'steps']);
        return;
      }
      case 'definitions':
        module.items = readRows(only('table', 'a table with columns Term | Definition'), path, {
          term: ['term'],
          definition: ['definition', 'meaning'],
        });
        return;
      case 'materials':
        module.items = readRows(only('table', 'a table with columns Item | Quantity | Specification'), path, {
          item: ['item', 'material', 'equipment'],
          quantity: ['quantity', 'qty'],
          specification: ['specification', 'spec'],
        });
        return;
      case 'records':
        module.items = readRows(only('table', 'a table with columns Record | Location | Retention'), path, {
          name: ['record', 'name'],
          location: ['location'],
          retention: ['retention'],
        });
        return;
      case 'revision-history':
        module.items = readRows(only('table', 'a table with columns Version | Date | Author | Change'), path, {
          version: ['version'],
          date: ['date'],
          author: ['author'],
          change: ['change', 'description'],
        });
        return;
    }
  }

  function readRows(tables: BlockNode[], path: DataPath, columns: Record<string, string[]>): Record<string, string>[] {
    const table = tables[0];
    if (!table) return [];
    if (tables.length > 1) throw error('expected one table', tables[1]);
    const { headers, rows } = readTable(table);
    const indexOf: Record<string, number> = {};
    for (const [field, names] of Object.entries(columns)) {
      const at = headers.findIndex((h) => names.includes(h));
      if (at >= 0) indexOf[field] = at;
    }
    const known = Object.values(columns).flat();
    for (const header of headers) {
      if (!known.includes(header)) {
        throw error(
          `unknown table column "${header}"${didYouMean(header, known)}; expected ${Object.values(columns)
            .map((n) => n[0])
            .join(', ')}`,
          table,
        );
      }
    }
    return rows.map((row, i) => {
      const item: Record<string, string> = {};
      mark([...path, 'items', i], row.line, row.cells[0] ?? '');
      for (const [field, at] of Object.entries(indexOf)) {
        const value = row.cells[at];
        if (value) {
          item[field] = value;
          mark([...path, 'items', i, field], row.line, value);
        }
      }
      return item;
    });
  }

  function readCallout(quote: BlockNode, path: DataPath): { level: string; text: string } {
    const text = quote.children
      .map((c) => inlineOf(c))
      .join(' ')
      .trim();
    const match = CALLOUT.exec(text);
    if (!match) {
      const label = CALLOUT_LABEL.exec(text)?.[1];
      const hint = label ? ` "${label}"${didYouMean(label, ['Danger', 'Warning', 'Caution', 'Note'])}` : '';
      throw error(
        `a callout starts with **Danger:**, **Warning:**, **Caution:** or **Note:**, found${hint || ' none'}`,
        quote,
      );
    }
    mark(path, lineOf(quote), text);
    mark([...path, 'text'], lineOf(quote), text.slice(match[0].length));
    return { level: match[1]!.toLowerCase(), text: text.slice(match[0].length).trim() };
  }

  function readSteps(list: BlockNode | undefined, path: DataPath): Record<string, unknown>[] {
    return (list?.children ?? []).map((item, i) => {
      const here = [...path, i];
      const step: Record<string, unknown> = {};
      const [lead, ...rest] = item.children;
      let text = lead?.type === 'paragraph' ? inlineOf(lead).trim() : '';
      mark(here, lineOf(item), text);
      const attributes = ATTRIBUTES.exec(text);
      if (attributes) {
        text = text.slice(0, attributes.index).trim();
        Object.assign(step, readAttributes(attributes[1]!, lead, here));
      }
      const checkbox = CHECKBOX.exec(text);
      if (checkbox) {
        text = text.slice(checkbox[0].length);
        step.checkbox = true;
      }
      step.text = text;
      mark([...here, 'text'], lineOf(item), text);
      const details: string[] = [];
      for (const child of lead?.type === 'paragraph' ? rest : item.children) {
        if (child.type === 'paragraph') {
          const inline = inlineOf(child).trim();
          const image = IMAGE_ONLY.exec(inline);
          if (image) {
            step.image = {
              src: image[2],
              ...(image[1] ? { alt: image[1] } : {}),
              ...(image[3] ? { caption: image[3] } : {}),
            };
            mark([...here, 'image'], lineOf(child), inline);
            mark([...here, 'image', 'src'], lineOf(child), image[2]);
          } else {
            if (details.length === 0) mark([...here, 'details'], lineOf(child), inline);
            details.push(inline);
          }
        } else if (child.type === 'blockquote') {
          if (step.callouts === undefined) step.callouts = [];
          const callouts = step.callouts as unknown[];
          callouts.push(readCallout(child, [...here, 'callouts', callouts.length]));
        } else if (child.type === 'ordered_list') {
          mark([...here, 'steps'], lineOf(child), inlineOf(child));
          step.steps = readSteps(child, [...here, 'steps']);
        } else {
          throw error(
            `a step holds paragraphs, one image, callouts and a numbered sub-list, not a ${child.type.replace(/_/g, ' ')}`,
            child,
          );
        }
      }
      if (details.length > 0) step.details = details.join('\n\n');
      return step;
    });
  }

  function readAttributes(raw: string, node: BlockNode | undefined, path: DataPath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const pattern = /#([^\s"]+)|([A-Za-z]+)=(?:"([^"]*)"|(\S+))|(\S+)/g;
    for (const match of raw.matchAll(pattern)) {
      if (match[1] !== undefined) {
        out.id = match[1];
        mark([...path, 'id'], lineOf(node), `#${match[1]}`);
        continue;
      }
      const key = match[2];
      const value = match[3] ?? match[4] ?? '';
      if (key === 'duration') out.duration = value;
      else if (key === 'signoff')
        out.signoff = value
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean);
      else {
        const name = key ?? match[5]!;
        throw error(
          `unknown step attribute "${name}"${didYouMean(name, ['duration', 'signoff'])}; use {#id duration="5 min" signoff="Performed by; Verified by"}`,
          node,
        );
      }
      mark([...path, key], lineOf(node), `${key}=`);
    }
    return out;
  }

  const data = { ...(frontData as Record<string, unknown>), modules };
  const locate: Locate = (path, key = false) => {
    if (path[0] !== 'modules') return front.locate(path, key);
    if (path.length === 1) return front.locate(path, key) ?? { line: bodyStart + 1, column: 1 };
    const mark = positions.get(pathKey(path));
    return mark && { line: mark.line, column: columnOf(mark.line, mark.text) };
  };
  return { ok: true, data, locate };
}
