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
