/**
 * Source line ranges of rendered blocks, for click-to-source and scroll sync. Computed beside the
 * loaders, not inside them: the rendered page's `data-block` keys (in document order) are paired
 * with the source nodes that produce blocks (YAML document positions from `yaml`, Markdown token
 * maps from markdown-it), so no key derivation is restated here. Sent to the editor as its own
 * message; the preview HTML carries no line numbers, so inserting a line patches nothing extra.
 *
 * @packageDocumentation
 */
import { isMap, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import { type BlockNode, parseBlocks } from '../sop/markdown-tree.js';
import { fileKind } from '../sop/source-files.js';

/** `[key, first line, last line]`, 1-based and inclusive. */
export type SourceRange = [key: string, first: number, last: number];

type NodeKind = 'meta' | 'module' | 'step';
interface SourceNode {
  kind: NodeKind;
  first: number;
  last: number;
}

const BLOCK_KEY = /data-block="([^"]*)"/g;
const ENTITY: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The `data-block` keys of `html`, in document order. */
function blockKeys(html: string): string[] {
  return [...html.matchAll(BLOCK_KEY)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITY[e]!));
}

/** Kind of block a key of an SOP render names (keys: `meta`, `toc`, module keys, `s-…`/`step-…`). */
function kindOfKey(key: string): NodeKind | 'other' {
  if (key === 'meta') return 'meta';
  if (key === 'toc') return 'other';
  return /^(s|step)-/.test(key) ? 'step' : 'module';
}

/**
 * Line ranges of the blocks of `html`, rendered from `text` (the source of `file`). Blocks the
 * source cannot be paired with are left out; never throws on broken input.
 */
export function buildSourceMap(file: string, text: string, html: string): SourceRange[] {
  const keys = blockKeys(html);
  const source = text.replace(/^\uFEFF/, '');
  const kind = fileKind(file);
  if (kind === 'html') return htmlRanges(source);
  if (kind === 'markdown') return markdownPageRanges(source, keys);
  const nodes = /\.ya?ml$/i.test(file) ? yamlNodes(source) : sopMarkdownNodes(source);
  return pair(keys, nodes);
}

/** Greedy pairing in document order: a source node with no block, or a block with no node, is skipped. */
function pair(keys: string[], nodes: SourceNode[]): SourceRange[] {
  const out: SourceRange[] = [];
  let j = 0;
  for (const key of keys) {
    const kind = kindOfKey(key);
    if (kind === 'other') continue;
    while (j < nodes.length && nodes[j]!.kind !== kind && !(kind === 'step' && nodes[j]!.kind === 'module')) j++;
    const node = nodes[j];
    if (!node || node.kind !== kind) continue;
    out.push([key, node.first, node.last]);
    j++;
  }
  return out;
}

function yamlNodes(text: string): SourceNode[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const root = doc.contents;
  if (!isMap(root)) return [];
  const line = (offset: number): number => counter.linePos(offset).line;
  const span = (node: Node): [number, number] => {
    const [start, valueEnd] = node.range ?? [0, 0];
    return [line(start), line(Math.max(start, valueEnd - 1))];
  };
  const modulesPair = root.items.find((item) => (item.key as { value?: unknown } | null)?.value === 'modules');
  const firstKey = root.items[0]?.key as Node | undefined;
  const metaFirst = firstKey?.range ? line(firstKey.range[0]) : 1;
  const modulesKey = modulesPair?.key as Node | undefined;
  const metaLast = modulesKey?.range ? Math.max(metaFirst, line(modulesKey.range[0]) - 1) : span(root)[1];
  const nodes: SourceNode[] = [{ kind: 'meta', first: metaFirst, last: metaLast }];
  const steps = (owner: YAMLMap): void => {
    const list = owner.get('steps', true);
    if (!isSeq(list)) return;
    for (const step of list.items) {
      if (!isMap(step)) continue;
      const [first, last] = span(step);
      nodes.push({ kind: 'step', first, last });
      steps(step);
    }
  };
  const modules = modulesPair?.value;
  if (isSeq(modules)) {
    for (const module of modules.items) {
      if (!isMap(module)) continue;
      const [first, last] = span(module);
      nodes.push({ kind: 'module', first, last });
      steps(module);
    }
  }
  return nodes;
}

/** 1-based inclusive lines of a markdown-it map shifted by `offset` lines. */
const mapLines = (node: BlockNode, offset: number): [number, number] | undefined =>
  node.map ? [node.map[0] + offset + 1, Math.max(node.map[0] + 1, node.map[1]) + offset] : undefined;

function sopMarkdownNodes(text: string): SourceNode[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') return [];
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return [];
  const nodes: SourceNode[] = [{ kind: 'meta', first: 1, last: end + 1 }];
  const bodyStart = end + 1;
  const blocks = parseBlocks(lines.slice(bodyStart).join('\n'));
  const listSteps = (list: BlockNode): void => {
    for (const item of list.children) {
      if (item.type !== 'list_item') continue;
      const span = mapLines(item, bodyStart);
      if (span) nodes.push({ kind: 'step', first: span[0], last: span[1] });
      for (const child of item.children) if (child.type === 'ordered_list') listSteps(child);
    }
  };
  blocks.forEach((block, index) => {
    if (block.type !== 'heading' || block.tag !== 'h2' || !block.map) return;
    const next = blocks.slice(index + 1).find((b) => b.type === 'heading' && b.tag === 'h2');
    const last = next?.map ? next.map[0] + bodyStart : lines.length;
    nodes.push({
      kind: 'module',
      first: block.map[0] + bodyStart + 1,
      last: Math.max(block.map[0] + bodyStart + 1, last),
    });
    for (const child of blocks.slice(index + 1, next ? blocks.indexOf(next) : blocks.length)) {
      if (child.type === 'ordered_list') listSteps(child);
    }
  });
  return nodes;
}

/** Plain Markdown pages: an intro before the first `##` (when not blank), then one block per `##`. */
function markdownPageRanges(text: string, keys: string[]): SourceRange[] {
  const lines = text.split(/\r\n|\r|\n/);
  const starts = parseBlocks(text)
    .filter((b) => b.type === 'heading' && b.tag === 'h2' && b.map)
    .map((b) => b.map![0]);
  const chunks: Array<[number, number]> = [];
  const firstLine = starts[0] ?? lines.length;
  if (firstLine > 0) chunks.push([0, firstLine]);
  for (const [i, start] of starts.entries()) chunks.push([start, starts[i + 1] ?? lines.length]);
  const shown = chunks.filter(([a, b]) => lines.slice(a, b).join('\n').trim() !== '');
  const mdKeys = keys.filter((key) => key.startsWith('md-'));
  return shown.flatMap(([a, b], i) => (mdKeys[i] === undefined ? [] : [[mdKeys[i]!, a + 1, Math.max(a + 1, b)]]));
}

/** HTML documents are their own source: each `data-block` attribute's line starts its block. */
function htmlRanges(text: string): SourceRange[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found = [...text.matchAll(BLOCK_KEY)].map((m) => ({ key: m[1]!, line: lineOf(m.index) }));
  return found.map(
    ({ key, line }, i): SourceRange => [key, line, Math.max(line, (found[i + 1]?.line ?? lineStarts.length) - 1)],
  );
}
