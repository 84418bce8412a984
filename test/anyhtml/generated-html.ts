/**
 * fast-check arbitraries for real-world-shaped HTML and edits to it: duplicate ids, repeated and
 * missing `data-block` keys, unclosed `<p>` and `<li>`, `<a>` left open, tables without `<tbody>`,
 * elements a browser moves, comments, whitespace, and containers large enough to be keyed inside.
 */
import fc from 'fast-check';

/** A generated node: an element with children, or raw markup (text, comments, malformed bits). */
export type GenNode = { tag: string; attrs: string; close: boolean; children: GenNode[] } | { raw: string };

const TEXTS = ['alpha', 'beta gamma', ' ', '\n  ', 'a &amp; b', '1 &lt; 2', 'ü ö', 'delta'];
const FILLER = `${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(6)}`;

/** Raw pieces a browser parses as written. */
const PLAIN = [
  '<!-- note -->',
  '<br>',
  '<hr>',
  '<img src="data:," alt="i">',
  `<p>${FILLER}</p>`,
  '<p>short <em>para</em></p>',
  '<pre><code>let x = 1;\nlet y = 2;</code></pre>',
  '<ul><li>one</li><li>two</li></ul>',
  '<span>inline</span> tail',
  '<h2 id="index-0">Heading</h2>',
  '<a href="#x">link</a>',
  '<table><tr><td>cell</td><td>cell 2</td></tr></table>',
  '<template><p>inert</p></template>',
];

/** Raw pieces a browser parses differently from a naive tree (the server must notice). */
const MOVED = [
  '<p>unclosed paragraph',
  '<li>loose item',
  '<table><tbody><tr><th>h</th></tr></tbody></table>',
  '<table><div>fostered</div><tr><td>x</td></tr></table>',
  '<b><p>misnested</b> text</p>',
  '<p>para<div>block in p</div>after</p>',
  '<pre>\nleading newline</pre>',
  '<template><p>inert</p></template>',
  '<svg width="4" height="4"><rect width="4" height="4"></rect></svg>',
  '</p>',
  '<select><option>one</option><option selected>two</option></select>',
  // `<a name/>` leaves an `<a>` open (old generated reference pages): a browser reopens it in what
  // follows until an `<a>` start tag, which the server must follow or give up on.
  '<h3><a name="f"/>f()</h3>',
  '<pre>void f(<a href="#t">t</a>)</pre>',
  '<a name="g"/>',
];

const attrs = fc.constantFrom(
  '',
  ' id="index-0"',
  ' id="index-1"',
  ' class="c"',
  ' data-block="k1"',
  ' data-block="k2"',
  ' data-block="k1" id="index-0"',
  ' hidden',
);

const text: fc.Arbitrary<GenNode> = fc.constantFrom(...TEXTS).map((raw) => ({ raw }));
const raw: fc.Arbitrary<GenNode> = fc
  .oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 6 }, { arbitrary: fc.constantFrom(...MOVED), weight: 1 })
  .map((markup) => ({ raw: markup }));

/** Any node, nested up to `depth` levels. */
export const genNode: fc.Arbitrary<GenNode> = fc.letrec<{ node: GenNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    raw,
    fc.record({
      tag: fc.constantFrom(
        'div',
        'section',
        'ul',
        'main',
        'p',
        'li',
        'span',
        'article',
        'h3',
        'blockquote',
        'pre',
        'code',
      ),
      attrs,
      close: fc.constantFrom(true, true, true, true, false),
      children: fc.array(tie('node'), { maxLength: 5 }),
    }),
  ),
})).node;

/** One edit: where (a path of child indices, taken modulo) and what. */
export interface GenEdit {
  path: number[];
  kind: 'insert' | 'delete' | 'replace' | 'attrs' | 'grow';
  node: GenNode;
  attrs: string;
}

export const genEdit: fc.Arbitrary<GenEdit> = fc.record({
  path: fc.array(fc.nat(20), { maxLength: 3 }),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'attrs', 'grow'),
  node: genNode,
  attrs,
});

/** How the body is wrapped: a full document, one without doctype (quirks), or a bare fragment. */
export const genShell = fc.constantFrom('full', 'quirks', 'bare', 'trailing');

/** The top-level children of a document; some large containers so the differ looks inside. */
export const genBody: fc.Arbitrary<GenNode[]> = fc.array(
  fc.oneof(
    genNode,
    fc.record({
      tag: fc.constantFrom('div', 'main', 'section'),
      attrs,
      close: fc.constant(true),
      children: fc
        .array(fc.oneof(genNode, raw), { minLength: 3, maxLength: 8 })
        .map((children) => [...children, { raw: `<p>${FILLER}</p>` }, { raw: `<p>${FILLER}</p>` }]),
    }),
  ),
  { minLength: 1, maxLength: 8 },
);

/**
 * Pieces of a section of an old generated reference page, where `<a name="…"/>` leaves an `<a>`
 * open that a browser reopens in what follows until an `<a>` start tag or `</a>` (contained in
 * one section, the page stays patchable; spilling out of it, it goes whole).
 */
const SECTION_PIECES = [
  '<h3><a name="f"/>f()</h3>',
  '<a name="g"/>',
  '<pre>void f(<a href="#t">t</a>)</pre>',
  '<pre>int x;</pre>',
  '<pre>\nint y;</pre>',
  '<p>Text with <a href="#y">a link</a>.</p>',
  '<p>Plain text.</p>',
  '\n',
  ' ',
  '<table><tr><td><a href="#c">c</a></td></tr></table>',
  '<span>inline</span>',
  '<div><a href="#d">d</a></div>',
  '<a href="#e">e</a>',
  '</a>',
  '<br>',
  '<b>bold</b>',
  '<!-- c -->',
  // Long enough for a section to be keyed inside, unless the anchor makes it one unit.
  `<p>${FILLER}</p>`,
  `<p>${FILLER}${FILLER}</p>`,
];

const sectionPiece: fc.Arbitrary<GenNode> = fc.constantFrom(...SECTION_PIECES).map((markup) => ({ raw: markup }));

/** One section: a heading with an anchor left open, a few pieces, and text that often makes it big enough to be keyed inside. */
const anchorSection: fc.Arbitrary<GenNode> = fc.record({
  tag: fc.constant('div'),
  attrs: fc.constantFrom('', ' class="refsect2"'),
  close: fc.constant(true),
  children: fc
    .array(sectionPiece, { minLength: 1, maxLength: 6 })
    .map((pieces): GenNode[] => [
      { raw: '<h3><a name="f"/>f()</h3>' },
      ...pieces,
      { raw: `<p>${FILLER}${FILLER}</p>` },
    ]),
});

/** Pages of such sections, some inside a container large enough to be keyed inside. */
export const genAnchorBody: fc.Arbitrary<GenNode[]> = fc.array(
  fc.oneof(
    anchorSection,
    fc.record({
      tag: fc.constant('div'),
      attrs: fc.constant(' class="refsect1"'),
      close: fc.constant(true),
      children: fc
        .array(fc.oneof(anchorSection, sectionPiece), { minLength: 2, maxLength: 6 })
        .map((children): GenNode[] => [...children, { raw: `<p>${FILLER}</p>` }, { raw: `<p>${FILLER}</p>` }]),
    }),
  ),
  { minLength: 1, maxLength: 5 },
);

/** Edits to such pages: sections and pieces inserted, removed and replaced. */
export const genAnchorEdit: fc.Arbitrary<GenEdit> = fc.record({
  path: fc.array(fc.nat(20), { maxLength: 3 }),
  kind: fc.constantFrom('insert', 'delete', 'replace', 'grow'),
  node: fc.oneof(sectionPiece, anchorSection),
  attrs,
});

/**
 * One save: one to three edits applied together, as a save may change several places (a date
 * stamped at the top and a paragraph edited below it).
 */
export function genSave(edits: fc.Arbitrary<GenEdit>): fc.Arbitrary<GenEdit[]> {
  return fc.array(edits, { minLength: 1, maxLength: 3 });
}

/** Serialises nodes. */
export function render(nodes: readonly GenNode[]): string {
  return nodes
    .map((node) =>
      'raw' in node
        ? node.raw
        : `<${node.tag}${node.attrs}>${render(node.children)}${node.close ? `</${node.tag}>` : ''}`,
    )
    .join('');
}

/** The whole document around `body`. */
export function documentOf(shell: string, body: readonly GenNode[]): string {
  const inner = render(body);
  if (shell === 'bare') return inner;
  if (shell === 'quirks') return `<html><head><title>t</title></head><body>\n${inner}\n</body></html>`;
  if (shell === 'trailing') return `<!doctype html><html><head><title>t</title></head><body>${inner}</body>\n</html>\n`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>t</title></head><body>\n${inner}\n</body></html>`;
}

/** `body` with `edit` applied (a copy; the input is left alone). */
export function applyEdit(body: readonly GenNode[], edit: GenEdit): GenNode[] {
  const copy = structuredClone(body) as GenNode[];
  let list = copy;
  for (const step of edit.path) {
    const elements = list.filter((node): node is Extract<GenNode, { tag: string }> => 'tag' in node);
    const next = elements[step % Math.max(1, elements.length)];
    if (!next || next.children.length === 0) break;
    list = next.children;
  }
  const at = list.length === 0 ? 0 : (edit.path.at(-1) ?? 0) % list.length;
  const target = list[at];
  if (edit.kind === 'insert' || list.length === 0) list.splice(at, 0, edit.node);
  else if (edit.kind === 'delete') list.splice(at, 1);
  else if (edit.kind === 'replace') list.splice(at, 1, edit.node);
  else if (edit.kind === 'attrs' && target && 'tag' in target) target.attrs = edit.attrs;
  else if (edit.kind === 'grow' && target && 'tag' in target) target.children.push({ raw: `<p>${FILLER}</p>` });
  else list.push(edit.node);
  return copy;
}

/** `body` with every edit of one save applied, in turn (a copy). */
export function applySave(body: readonly GenNode[], edits: readonly GenEdit[]): GenNode[] {
  return edits.reduce<GenNode[]>((nodes, edit) => applyEdit(nodes, edit), [...body]);
}
