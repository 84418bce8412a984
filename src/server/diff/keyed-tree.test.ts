import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildKeyedTree } from './keyed-tree.js';

const page = (body: string): string => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

test('documents a browser builds differently from htmlparser2 are only ever sent whole', () => {
  for (const [body, why] of [
    // `</span>` cannot close a <main> in a browser: it is ignored and the main stays open.
    ['<span><main><p>x</p></span><p>after</p>', /ignored by browsers/],
    // `</li>` does not look past an open list: the browser ignores it and <main> lands in the <ul>.
    ['<li data-block="k1"><ul><!-- note -->alpha</li><main><p>x</p></main>', /cannot reach past <ul>/],
    // `</td>` does not look past an open table.
    ['<table><tr><td><table><tr><td>x</td></tr></td></tr></table>', /./],
  ] as const) {
    assert.match(buildKeyedTree(page(body)).unsafe ?? '', why, body);
  }
});

test('ordinary end tags that close open elements the way a browser does keep a document patchable', () => {
  for (const body of ['<ul><li>one<li>two</ul><p>x</p>', '<div><p>para</div><p>x</p>', '<dl><dt>t<dd>d</dl>']) {
    assert.equal(buildKeyedTree(page(body)).unsafe, null, body);
  }
});

/**
 * A section of an old reference page, big enough to be keyed inside: `<a name/>` leaves an `<a>`
 * open, and a browser reopens it in the `<pre>` until the `<a href>`.
 */
const section = (name: string, tail = '<a href="#t">t</a>)'): string =>
  `<div class="refsect2"><h3><a name="${name}"/>${name}()</h3><pre>void ${name}(${tail}</pre>` +
  `<p>${`About ${name}. `.repeat(150)}</p></div>`;

test('an <a> left open whose reopening ends inside its section keeps the page patchable, the section one unit', () => {
  const filler = `<p>${'Lorem ipsum dolor sit amet. '.repeat(30)}</p>`;
  const tree = buildKeyedTree(page(`<div class="refsect1">${section('f')}${section('g')}${filler}</div>`));
  assert.equal(tree.unsafe, null);
  const [container] = tree.body?.children ?? [];
  assert.ok(container?.children, 'the large container is keyed inside');
  const units = container.children;
  assert.deepEqual(
    units.map((unit) => [unit.name, unit.children]),
    [
      ['div', null],
      ['div', null],
      ['p', null],
    ],
    'each section is one unit, never keyed inside',
  );
});

test('an <a> left open that a browser reopens past its section, or that nothing lets go of, sends the page whole', () => {
  for (const [body, why] of [
    // No `<a>` start tag in the section: the copy is reopened after it, around the next section.
    [`${section('f', 'void)')}\n${section('g')}`, /<a>/],
    // The last anchor is never let go of: whitespace after its section reopens it in <body>.
    [`${section('f')}<div><h3><a name="g"/>g</h3><p>text</p></div>\n`, /<a>/],
    // A reopened copy that holds a block when the next <a> comes: the adoption agency rearranges it.
    ['<div><h3><a name="f"/>f</h3>\n<pre>x<a href="#t">t</a></pre></div>', /<a>/],
  ] as const) {
    assert.match(buildKeyedTree(page(body)).unsafe ?? '', why, body);
  }
});
