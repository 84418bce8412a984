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
import { patchKeyedTree, unsafeAgain, updateKeyedTree } from '../../src/server/diff/keyed-tree-update.js';
import { ServedText } from '../../src/server/diff/served-text.js';
import {
  applySave,
  documentOf,
  type GenEdit,
  type GenNode,
  genAnchorBody,
  genAnchorEdit,
  genBody,
  genEdit,
  genSave,
  genShell,
} from './generated-html.js';

const CASES = Number(process.env.KEYED_UPDATE_CASES ?? 20_000);

/**
 * The tree as plain data, without what says how it was built (its id, its basis, which nodes
 * were carried over): the served HTML may be a rope of the previous one's pieces.
 */
const plain = (tree: KeyedTree): unknown =>
  JSON.parse(
    JSON.stringify({ ...tree, id: 0, basis: 0, regions: 0, blockCount: [...tree.blockCount].sort() }, (name, value) =>
      name === 'carried' ? undefined : value instanceof ServedText ? value.toString() : value,
    ),
  );

/**
 * Checks `cases` documents and saves of one or more edits; returns how many saves took the region
 * path, how many were between safe versions, and how many of the patched ones re-parsed several
 * regions apart (a save that changed several places).
 */
function checkRegionPath(
  cases: number,
  bodies: fc.Arbitrary<GenNode[]>,
  edits: fc.Arbitrary<GenEdit>,
): { patched: number; safe: number; unsafeKept: number; severalPlaces: number } {
  let patched = 0;
  let safe = 0;
  let unsafeKept = 0;
  let severalPlaces = 0;
  fc.assert(
    fc.property(genShell, bodies, fc.array(genSave(edits), { minLength: 1, maxLength: 4 }), (shell, body, saves) => {
      let nodes = body;
      let tree = buildKeyedTree(documentOf(shell, nodes));
      for (const save of saves) {
        nodes = applySave(nodes, save);
        const html = documentOf(shell, nodes);
        const expected = buildKeyedTree(html);
        const fromRegion = patchKeyedTree(tree, html);
        const kept = unsafeAgain(tree, html);
        if (kept) {
          unsafeKept += 1;
          assert.deepEqual(plain(kept), plain(expected));
        }
        if (tree.body && expected.body) safe += 1;
        if (fromRegion) {
          patched += 1;
          if (fromRegion.regions > 1) severalPlaces += 1;
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
  return { patched, safe, unsafeKept, severalPlaces };
}

test(`a tree built from the previous one equals a whole parse (${CASES} random saves)`, () => {
  const { patched, safe, unsafeKept, severalPlaces } = checkRegionPath(CASES, genBody, genEdit);
  console.log(`${safe} saves between safe versions: ${patched} patched, ${severalPlaces} of them in several regions`);
  // Most saves between two patchable versions stay inside one container and take the region path.
  assert.ok(patched > safe * 0.5, `region path taken for ${patched} of ${safe} saves between safe versions`);
  assert.ok(unsafeKept > 0, 'some saves after what made a page unsafe were taken without a parse');
  assert.ok(severalPlaces > 0, 'some saves were patched one region at a time');
});

test(`and on pages whose <a name/> leaves an <a> open (${Math.ceil(CASES / 4)} random saves)`, () => {
  const { patched } = checkRegionPath(Math.ceil(CASES / 4), genAnchorBody, genAnchorEdit);
  assert.ok(patched > 0, 'some edits took the region path');
});

/** A page of `sections` sections of paragraphs in one `<main>`, with the paragraphs `edited` changed. */
function page(sections: number, ...edited: number[]): string {
  const parts: string[] = [];
  for (let s = 0; s < sections; s += 1) {
    const paragraphs = Array.from({ length: 6 }, (_, p) => {
      const mark = edited.includes(s * 6 + p) ? ' (edited)' : '';
      return `<p>Paragraph ${s}.${p}${mark}: use <code>push</code> and <em>never</em> index past the end.</p>`;
    });
    parts.push(
      `<section id="index-0"><h2>Section ${s}</h2>\n${paragraphs.join('\n')}\n<ul><li>a</li><li>b</li></ul></section>`,
    );
  }
  return `<!doctype html><html><head><title>big</title></head><body><main>\n${parts.join('\n')}\n</main></body></html>`;
}

test('a one-paragraph edit in a large page re-parses one section, and the tree equals a whole parse', () => {
  const before = buildKeyedTree(page(400));
  for (const edited of [0, 1_000, 2_399]) {
    const html = page(400, edited);
    const patched = patchKeyedTree(before, html);
    assert.ok(patched, `paragraph ${edited}: the region path was not taken`);
    assert.deepEqual(plain(patched), plain(buildKeyedTree(html)));
  }
});

test('a save that changes several places apart re-parses each place, not the span between them', () => {
  const before = buildKeyedTree(page(400));
  for (const edited of [
    [0, 2_399],
    [3, 1_200, 2_396],
  ]) {
    const html = page(400, ...edited);
    const patched = patchKeyedTree(before, html);
    assert.ok(patched, `paragraphs ${edited}: the region path was not taken`);
    assert.equal(patched.regions, edited.length);
    assert.deepEqual(plain(patched), plain(buildKeyedTree(html)));
    // The sections between the edited ones were moved, not parsed again.
    const sections = (patched.body?.children[0]?.children ?? []).filter((node) => node.name === 'section');
    assert.equal(sections.length, 400);
    const reparsed = sections.flatMap((section, index) => (section.carried ? [] : [index]));
    assert.deepEqual(
      reparsed,
      edited.map((paragraph) => Math.floor(paragraph / 6)),
    );
    const diff = diffBlockTrees(before, patched);
    assert.equal(diff.kind, 'patch');
    assert.deepEqual(diff, diffBlockTrees(before, buildKeyedTree(html)));
    assert.ok(JSON.stringify(diff).length < 4096, `${JSON.stringify(diff).length} B of ops`);
  }
});

test('edits that only parse together (an element opened by one and closed by another) give a whole parse’s tree', () => {
  const filler = Array.from({ length: 40 }, (_, n) => `<p>Paragraph ${n}: ${'text '.repeat(40)}</p>`).join('\n');
  const doc = (top: string, bottom: string) =>
    `<!doctype html><html><head><title>t</title></head><body><main>${top}\n${filler}\n${bottom}</main></body></html>`;
  const before = buildKeyedTree(doc('<p>top</p>', '<p>bottom</p>'));
  for (const [top, bottom] of [
    ['<div><p>top</p>', '<p>bottom</p></div>'],
    ['<p>top</p><!--', '--><p>bottom</p>'],
    ['<p>top</p>\n', '\n<p>bottom</p>'],
  ] as const) {
    const html = doc(top, bottom);
    const tree = updateKeyedTree(before, html);
    assert.deepEqual(plain(tree), plain(buildKeyedTree(html)));
    assert.deepEqual(diffBlockTrees(before, tree), diffBlockTrees(before, buildKeyedTree(html)));
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

test('an unsafe page edited after what made it unsafe is not parsed again; an edit that could change its scripts is', () => {
  const filler = Array.from({ length: 50 }, (_, n) => `<p>Paragraph ${n}.</p>`).join('\n');
  const doc = (top: string, middle: string, end = '') =>
    `<!doctype html><html><head><title>t</title><script>var a = 1;</script></head><body>${top}\n${filler}\n${middle}\n${filler}${end}</body></html>`;
  // An <a> left open near the top that nothing lets go of: unsafe, whatever follows.
  const top = '<h3><a name="top"/>Top</h3>';
  const before = buildKeyedTree(doc(top, '<p>middle</p>'));
  assert.ok(before.unsafe);
  for (const html of [doc(top, '<p>middle, edited</p>'), doc(top, ''), doc(top, '<p>middle</p><p>new</p>')]) {
    const kept = unsafeAgain(before, html);
    assert.ok(kept, 'taken without a parse');
    assert.deepEqual(plain(kept), plain(buildKeyedTree(html)));
  }
  // A script written after the edit (its text could become part of an attribute, or start one).
  assert.equal(unsafeAgain(before, doc(top, '<p title="x>middle</p>', '<script>var b;</script>')), null);
  assert.equal(unsafeAgain(before, doc(top, '<p>middle</p>', '<script>var b;</script>')), null);
  // An edit above what made it unsafe.
  assert.equal(unsafeAgain(before, doc('<h3><a name="tip"/>Top</h3>', '<p>middle</p>')), null);
  // An unsafe page whose reason lies at its end (nothing closes the <a>): always parsed.
  const atEnd = buildKeyedTree(doc('', '<p>middle</p>', '<b>unclosed'));
  assert.ok(atEnd.unsafe);
  assert.equal(unsafeAgain(atEnd, doc('', '<p>middle, edited</p>', '<b>unclosed')), null);
});
