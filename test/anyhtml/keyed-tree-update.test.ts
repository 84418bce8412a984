/**
 * The keyed tree built from the previous version's (re-parsing only the edited region) equals the
 * tree of a parse of the whole new document, for random documents and edits, and the region path
 * is the one taken for ordinary edits (else every save would cost a parse of the whole page).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { diffBlockTrees } from '../../src/server/diff/block-diff.js';
import { buildKeyedTree, type KeyedTree } from '../../src/server/diff/keyed-tree.js';
import { patchKeyedTree, updateKeyedTree } from '../../src/server/diff/keyed-tree-update.js';
import { ServedText } from '../../src/server/diff/served-text.js';
import {
  applyEdit,
  documentOf,
  type GenEdit,
  type GenNode,
  genAnchorBody,
  genAnchorEdit,
  genBody,
  genEdit,
  genShell,
} from './generated-html.js';

const CASES = Number(process.env.KEYED_UPDATE_CASES ?? 20_000);

/**
 * The tree as plain data, without what says how it was built (its id, its basis, which nodes
 * were carried over): the served HTML may be a rope of the previous one's pieces.
 */
const plain = (tree: KeyedTree): unknown =>
  JSON.parse(
    JSON.stringify({ ...tree, id: 0, basis: 0, blockCount: [...tree.blockCount].sort() }, (name, value) =>
      name === 'carried' ? undefined : value instanceof ServedText ? value.toString() : value,
    ),
  );

/** Checks `cases` documents and edits; returns how many edits took the region path, and how many were between safe versions. */
function checkRegionPath(
  cases: number,
  bodies: fc.Arbitrary<GenNode[]>,
  edits: fc.Arbitrary<GenEdit>,
): { patched: number; safe: number } {
  let patched = 0;
  let safe = 0;
  fc.assert(
    fc.property(genShell, bodies, fc.array(edits, { minLength: 1, maxLength: 4 }), (shell, body, steps) => {
      let nodes = body;
      let tree = buildKeyedTree(documentOf(shell, nodes));
      for (const edit of steps) {
        nodes = applyEdit(nodes, edit);
        const html = documentOf(shell, nodes);
        const expected = buildKeyedTree(html);
        const fromRegion = patchKeyedTree(tree, html);
        if (tree.body && expected.body) safe += 1;
        if (fromRegion) {
          patched += 1;
          assert.deepEqual(plain(fromRegion), plain(expected));
          // The differ trusts what the region path marks as carried over: it must not change the patch.
          assert.deepEqual(diffBlockTrees(tree, fromRegion), diffBlockTrees(tree, expected));
        }
        tree = updateKeyedTree(tree, html);
        assert.deepEqual(plain(tree), plain(expected));
      }
    }),
    { numRuns: cases },
  );
  return { patched, safe };
}

test(`a tree built from the previous one equals a whole parse (${CASES} random edits)`, () => {
  const { patched, safe } = checkRegionPath(CASES, genBody, genEdit);
  // Most edits between two patchable versions stay inside one container and take the region path.
  assert.ok(patched > safe * 0.5, `region path taken for ${patched} of ${safe} edits between safe versions`);
});

test(`and on pages whose <a name/> leaves an <a> open (${Math.ceil(CASES / 4)} random edits)`, () => {
  const { patched } = checkRegionPath(Math.ceil(CASES / 4), genAnchorBody, genAnchorEdit);
  assert.ok(patched > 0, 'some edits took the region path');
});

/** A page of `sections` sections of paragraphs in one `<main>`, with paragraph `edited` changed. */
function page(sections: number, edited: number): string {
  const parts: string[] = [];
  for (let s = 0; s < sections; s += 1) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => {
      const mark = s * 6 + p === edited ? ' (edited)' : '';
      return `<p>Paragraph ${s}.${p}${mark}: use <code>push</code> and <em>never</em> index past the end.</p>`;
    });
    parts.push(
      `<section id="index-0"><h2>Section ${s}</h2>\n${paragraphs.join('\n')}\n<ul><li>a</li><li>b</li></ul></section>`,
    );
  }
  return `<!doctype html><html><head><title>big</title></head><body><main>\n${parts.join('\n')}\n</main></body></html>`;
}

test('a one-paragraph edit in a large page re-parses one section, and the tree equals a whole parse', () => {
  const before = buildKeyedTree(page(400, -1));
  for (const edited of [0, 1_000, 2_399]) {
    const html = page(400, edited);
    const patched = patchKeyedTree(before, html);
    assert.ok(patched, `paragraph ${edited}: the region path was not taken`);
    assert.deepEqual(plain(patched), plain(buildKeyedTree(html)));
  }
});

test('an edit that makes a data-block value unique falls back to a whole parse, with the same result', () => {
  const list = (items: string[]) =>
    `<!doctype html><html><head></head><body><ul>${items.map((item) => `<li data-block="${item}">${item} ${'x'.repeat(300)}</li>`).join('')}</ul></body></html>`;
  const before = buildKeyedTree(list(['a', 'b', 'b', 'c']));
  const html = list(['a', 'b', 'c']);
  assert.equal(patchKeyedTree(before, html), null);
  assert.deepEqual(plain(updateKeyedTree(before, html)), plain(buildKeyedTree(html)));
});
