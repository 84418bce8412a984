/**
 * Parses a document into the tree of its `data-block` elements, with source offsets, so the
 * differ can compare blocks by slicing the original string instead of serialising a DOM.
 */
import { Parser } from 'htmlparser2';
import { BLOCK_ATTRIBUTE } from '../../shared/protocol.js';

/** One `data-block` element and the blocks nested in it. */
export interface BlockNode {
  /** Value of the `data-block` attribute. */
  key: string;
  /** Offset of the `<` of the start tag. */
  start: number;
  /** Offset just past the end of the element (exclusive). */
  end: number;
  /** Offset just past the `>` of the start tag: where the content begins. */
  openEnd: number;
  /** Offset of the `<` of the end tag (`end` when the end tag is implied): where the content ends. */
  closeStart: number;
  /**
   * Names of the elements open around the block's start tag, outermost first: enough to parse
   * the block again on its own exactly as it parses in place (see `updateBlockTree`).
   */
  context: readonly string[];
  /** Key of the nearest enclosing block, or `null` at the top level. */
  parent: string | null;
  /** Directly nested blocks, in document order. */
  children: BlockNode[];
}

/** A parsed document: its blocks, its `<head>` and what the differ needs to decide safety. */
export interface BlockTree {
  /** The source the offsets point into. */
  html: string;
  /** Top-level blocks, in document order. */
  roots: BlockNode[];
  /** Every block by key (the first one when a key repeats). */
  byKey: Map<string, BlockNode>;
  /** A key occurs more than once, so key-based patching is unsafe. */
  duplicateKeys: boolean;
  /**
   * A key holds a character reference (`&`): keys are kept as written, undecoded, so such a key
   * may not match what the browser reads from the attribute, and key-based patching is unsafe.
   */
  encodedKeys: boolean;
  /** Offsets of the inner HTML of the first `<head>`, when there is one. */
  head: { start: number; end: number } | null;
  /** Outer HTML of every `<script>` inside `<head>`, in order. */
  headScripts: string[];
}

// Elements that never have a closing tag: htmlparser2 reports their (implied) close right after
// the start tag, so the element ends where the start tag ends.
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

interface OpenElement {
  name: string;
  block: BlockNode | null;
  start: number;
}

/**
 * Parses `html` into a {@link BlockTree}. Blocks inside `<head>` are treated as head content.
 * Linear in the size of the input.
 */
export function parseBlockTree(html: string): BlockTree {
  const roots: BlockNode[] = [];
  const byKey = new Map<string, BlockNode>();
  const stack: OpenElement[] = [];
  const blockStack: BlockNode[] = [];
  const headScripts: string[] = [];
  let duplicateKeys = false;
  let encodedKeys = false;
  let head: { start: number; end: number } | null = null;
  let headDepth = -1;
  let headDone = false;
  let ending = false;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const start = parser.startIndex;
        let block: BlockNode | null = null;
        const key = attribs[BLOCK_ATTRIBUTE];
        if (name === 'head' && !headDone && headDepth < 0) {
          headDepth = stack.length;
          head = { start: parser.endIndex + 1, end: parser.endIndex + 1 };
        } else if (key !== undefined && headDepth < 0) {
          const parentBlock = blockStack[blockStack.length - 1];
          block = {
            key,
            start,
            end: start,
            openEnd: parser.endIndex + 1,
            closeStart: start,
            context: stack.map((element) => element.name),
            parent: parentBlock ? parentBlock.key : null,
            children: [],
          };
          if (key.includes('&')) encodedKeys = true;
          if (byKey.has(key)) duplicateKeys = true;
          else byKey.set(key, block);
          (parentBlock ? parentBlock.children : roots).push(block);
          blockStack.push(block);
        }
        stack.push({ name, block, start });
      },
      onclosetag(name, isImplied) {
        const open = stack.pop();
        if (!open) return;
        let end: number;
        if (!isImplied) end = parser.endIndex + 1;
        else if (VOID_ELEMENTS.has(name)) end = parser.endIndex + 1;
        else end = ending ? html.length : parser.startIndex;
        if (open.block) {
          open.block.end = end;
          open.block.closeStart = isImplied ? end : parser.startIndex;
          blockStack.pop();
        }
        if (headDepth >= 0) {
          if (stack.length === headDepth && head) {
            head.end = isImplied ? end : parser.startIndex;
            headDepth = -1;
            headDone = true;
          } else if (name === 'script') {
            headScripts.push(html.slice(open.start, end));
          }
        }
      },
    },
    // Decoding entities would double the parse time of a large document, and only keys need it:
    // a key with a character reference turns patching off instead (see `encodedKeys`).
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  ending = true;
  parser.end();
  return { html, roots, byKey, duplicateKeys, encodedKeys, head, headScripts };
}

/** Marks where a child block was cut out of its parent's shell. */
const CHILD_MARKER = '\u0000';
// A run of child blocks separated only by whitespace collapses to one marker, so inserting or
// removing a block (and the indentation around it) does not change the parent's shell.
const RUN_OF_MARKERS = new RegExp(`\\s*${CHILD_MARKER}(?:\\s*${CHILD_MARKER})*\\s*`, 'g');

/**
 * The HTML of `from..to` with `children` cut out and the `skip` range (the head's inner HTML at
 * the document level) removed: what must be equal for the children to be patched independently.
 */
export function shellOf(
  html: string,
  from: number,
  to: number,
  children: readonly BlockNode[],
  skip?: { start: number; end: number } | null,
): string {
  const cuts: Array<{ start: number; end: number; marker: string }> = children.map((child) => ({
    start: child.start,
    end: child.end,
    marker: CHILD_MARKER,
  }));
  if (skip) cuts.push({ start: skip.start, end: skip.end, marker: '' });
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let at = from;
  for (const cut of cuts) {
    out += html.slice(at, cut.start) + cut.marker;
    at = cut.end;
  }
  out += html.slice(at, to);
  return out.replace(RUN_OF_MARKERS, CHILD_MARKER);
}

/**
 * The children of a block split into runs: consecutive blocks separated only by whitespace.
 * Runs line up one-to-one with the markers of {@link shellOf}.
 */
export function childRuns(html: string, children: readonly BlockNode[]): BlockNode[][] {
  const runs: BlockNode[][] = [];
  let current: BlockNode[] = [];
  let previous: BlockNode | undefined;
  for (const child of children) {
    if (previous && html.slice(previous.end, child.start).trim() !== '') {
      runs.push(current);
      current = [];
    }
    current.push(child);
    previous = child;
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
