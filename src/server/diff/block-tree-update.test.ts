import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type BlockNode, type BlockTree, parseBlockTree } from './block-tree.js';
import { updateBlockTree } from './block-tree-update.js';

/** Everything a tree says, as plain data, so two trees compare with deepEqual. */
function plain(tree: BlockTree): unknown {
  const node = (n: BlockNode): unknown => ({
    key: n.key,
    start: n.start,
    end: n.end,
    openEnd: n.openEnd,
    closeStart: n.closeStart,
    context: n.context,
    parent: n.parent,
    children: n.children.map(node),
  });
  return {
    html: tree.html,
    roots: tree.roots.map(node),
    keys: [...tree.byKey.entries()].map(([key, value]) => [key, value.start]).sort(),
    duplicateKeys: tree.duplicateKeys,
    encodedKeys: tree.encodedKeys,
    head: tree.head,
    headScripts: tree.headScripts,
  };
}

interface Spec {
  key: string;
  tag: 'section' | 'div' | 'li' | 'p';
  text: string;
  children: Spec[];
}

const render = (spec: Spec): string =>
  `<${spec.tag} data-block="${spec.key}"><b>${spec.text}</b>${spec.children.map(render).join('')}</${spec.tag}>`;
const page = (blocks: Spec[], headExtra = ''): string =>
  `<!doctype html><html><head><title>t</title>${headExtra}</head><body><main>${blocks.map(render).join('\n')}</main><footer>f</footer></body></html>`;

const specs = (prefix: string): fc.Arbitrary<Spec[]> =>
  fc.array(
    fc.record({
      key: fc.integer({ min: 0, max: 40 }).map((n) => `${prefix}${n}`),
      tag: fc.constantFrom('section' as const, 'div' as const, 'li' as const, 'p' as const),
      text: fc.string({ maxLength: 12 }).map((text) => text.replace(/[<>&]/g, 'x')),
      children: fc.constant<Spec[]>([]),
    }),
    { maxLength: 6 },
  );

describe('updateBlockTree', () => {
  it('equals a full parse after any single edit (random splices of the source)', () => {
    fc.assert(
      fc.property(
        specs('k'),
        fc.nat(),
        fc.nat(20),
        fc.constantFrom(
          '',
          'x',
          ' more text',
          '<i>i</i>',
          '</section>',
          '<p data-block="k3">n</p>',
          '"',
          'data-block="z"',
        ),
        (blocks, at, remove, insert) => {
          // Nest every third block into its predecessor, for depth.
          const nested: Spec[] = [];
          for (const [index, generated] of blocks.entries()) {
            const block = { ...generated, children: [] };
            const last = nested[nested.length - 1];
            if (index % 3 === 2 && last) last.children.push(block);
            else nested.push(block);
          }
          const before = page(nested);
          const from = at % before.length;
          const after = before.slice(0, from) + insert + before.slice(Math.min(before.length, from + remove));
          assert.deepEqual(plain(updateBlockTree(parseBlockTree(before), after)), plain(parseBlockTree(after)));
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
    );
  });

  it('re-parses only the edited block for a text edit, and gets the same tree', () => {
    const blocks: Spec[] = Array.from({ length: 50 }, (_, i) => ({
      key: `s${i}`,
      tag: 'section',
      text: `text ${i}`,
      children: [{ key: `c${i}`, tag: 'p', text: `child ${i}`, children: [] }],
    }));
    const before = page(blocks);
    const after = before.replace('child 30', 'child thirty, edited');
    const previous = parseBlockTree(before);
    const updated = updateBlockTree(previous, after);
    assert.deepEqual(plain(updated), plain(parseBlockTree(after)));
    // Blocks outside the edit were carried over (their context arrays are reused), not re-parsed.
    assert.equal(updated.byKey.get('s40')?.context, previous.byKey.get('s40')?.context);
    // The nodes after the edit moved by the length difference.
    assert.equal(updated.byKey.get('s40')?.start, parseBlockTree(before).byKey.get('s40')!.start + 12);
  });

  it('falls back to a full parse when the edit touches tags, the head or a key', () => {
    const blocks: Spec[] = [
      { key: 'a', tag: 'section', text: 'one', children: [] },
      { key: 'b', tag: 'section', text: 'two', children: [] },
    ];
    const before = page(blocks);
    for (const after of [
      before.replace('</section>', '</div>'),
      before.replace('data-block="a"', 'data-block="b"'),
      before.replace('<title>t</title>', '<title>new</title><script>x()</script>'),
      before.replace('<footer>f</footer>', '<footer>g</footer>'),
      page(blocks, '<style>p{}</style>'),
    ]) {
      const previous = parseBlockTree(before);
      const updated = updateBlockTree(previous, after);
      assert.deepEqual(plain(updated), plain(parseBlockTree(after)));
      assert.notEqual(updated.byKey.get('b')?.context, previous.byKey.get('b')?.context, after);
    }
  });
});
