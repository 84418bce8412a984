/**
 * markdown-it's flat block tokens folded into a tree, so the `*.sop.md` loader can read a list
 * item's paragraphs, callouts and sub-lists as children.
 *
 * @packageDocumentation
 */
import MarkdownIt from 'markdown-it';

/** One block: `type` without the `_open` suffix (`list_item`, `paragraph`, `inline`, ...). */
export interface BlockNode {
  type: string;
  tag: string;
  /** 0-based [first, end) source lines, when markdown-it knows them. */
  map: [number, number] | undefined;
  /** Raw inline source for `inline` nodes. */
  content: string;
  children: BlockNode[];
}

// Raw HTML stays text: an SOP source never injects markup (see the sanitizing rules in render/).
const parser = new MarkdownIt('default', { html: false });
// Only the block structure and the raw inline source are read here; inline parsing happens at render.
parser.core.ruler.disable(['inline', 'text_join']);

/** Parses Markdown into a block tree (no rendering). */
export function parseBlocks(source: string): BlockNode[] {
  const root: BlockNode = { type: 'root', tag: '', map: undefined, content: '', children: [] };
  const stack = [root];
  for (const token of parser.parse(source, {})) {
    const parent = stack[stack.length - 1]!;
    const node: BlockNode = {
      type: token.type.replace(/_open$/, ''),
      tag: token.tag,
      map: token.map ? [token.map[0], token.map[1]] : undefined,
      content: token.content,
      children: [],
    };
    if (token.nesting === 1) {
      parent.children.push(node);
      stack.push(node);
    } else if (token.nesting === -1) {
      stack.pop();
    } else {
      parent.children.push(node);
    }
  }
  return root.children;
}

/** The raw inline text of a block (its first `inline` descendant), or `''`. */
export function inlineOf(node: BlockNode): string {
  if (node.type === 'inline') return node.content;
  for (const child of node.children) {
    const found = inlineOf(child);
    if (found !== '') return found;
  }
  return '';
}
