import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PatchOp } from '../../shared/protocol.js';
import { type BlockDiff, diffBlockTrees, longestCommonSubsequence } from './block-diff.js';
import { type BlockNode, type BlockTree, parseBlockTree, shellOf } from './block-tree.js';

interface Step {
  key: string;
  text: string;
  subs?: Step[];
}
interface Module {
  key: string;
  title: string;
  steps: Step[];
}

const stepHtml = (step: Step): string =>
  `<li data-block="${step.key}"><p>${step.text}</p>${
    step.subs ? `\n<ol>\n${step.subs.map((sub) => `  ${stepHtml(sub)}`).join('\n')}\n</ol>` : ''
  }</li>`;

function documentHtml(modules: Module[], head = '<title>SOP</title>', outside = 'footer'): string {
  const body = modules
    .map(
      (module) =>
        `  <section data-block="${module.key}"><h2>${module.title}</h2>\n    <ol>\n${module.steps
          .map((step) => `      ${stepHtml(step)}`)
          .join('\n')}\n    </ol>\n  </section>`,
    )
    .join('\n');
  return `<!doctype html><html><head>${head}</head><body>\n<main>\n${body}\n</main>\n<footer>${outside}</footer></body></html>`;
}

const sample = (): Module[] => [
  {
    key: 'purpose',
    title: 'Purpose',
    steps: [{ key: 'purpose-1', text: 'Explain why.' }],
  },
  {
    key: 'procedure',
    title: 'Procedure',
    steps: [
      { key: 's1', text: 'Calibrate the meter.' },
      {
        key: 's2',
        text: 'Rinse the probe.',
        subs: [
          { key: 's2a', text: 'Use DI water.' },
          { key: 's2b', text: 'Blot dry.' },
        ],
      },
      { key: 's3', text: 'Measure the sample.' },
      { key: 's4', text: 'Record the value.' },
    ],
  },
];

const diff = (a: string, b: string): BlockDiff => diffBlockTrees(parseBlockTree(a), parseBlockTree(b));

function patchOf(result: BlockDiff): { ops: PatchOp[]; head?: string } {
  assert.equal(result.kind, 'patch', `expected a patch, got ${JSON.stringify(result)}`);
  return result as { ops: PatchOp[]; head?: string };
}

/** Applies ops to HTML at string level, the way a client applies them to a DOM. */
function applyOps(html: string, ops: PatchOp[], head?: string): string {
  let current = html;
  for (const op of ops) {
    const tree = parseBlockTree(current);
    const target = tree.byKey.get(op.op === 'ins' ? (op.after ?? op.before ?? '') : op.key);
    assert.ok(target, `anchor of ${JSON.stringify(op)} missing`);
    if (op.op === 'ins') assert.ok(!tree.byKey.has(op.key), `ins of existing key ${op.key}`);
    if (op.op === 'upd') current = current.slice(0, target.start) + op.html + current.slice(target.end);
    else if (op.op === 'del') current = current.slice(0, target.start) + current.slice(target.end);
    else if (op.after !== undefined) current = current.slice(0, target.end) + op.html + current.slice(target.end);
    else current = current.slice(0, target.start) + op.html + current.slice(target.start);
  }
  if (head !== undefined) {
    const tree = parseBlockTree(current);
    assert.ok(tree.head);
    current = current.slice(0, tree.head.start) + head + current.slice(tree.head.end);
  }
  return current;
}

/** Block structure with whitespace between sibling blocks ignored: what a morph must reproduce. */
function structure(html: string): unknown {
  const tree = parseBlockTree(html);
  const describe = (node: BlockNode, t: BlockTree): unknown => ({
    key: node.key,
    shell: shellOf(t.html, node.start, node.end, node.children),
    children: node.children.map((child) => describe(child, t)),
  });
  return {
    shell: shellOf(tree.html, 0, tree.html.length, tree.roots, tree.head),
    head: tree.head ? tree.html.slice(tree.head.start, tree.head.end) : null,
    roots: tree.roots.map((node) => describe(node, tree)),
  };
}

function assertPatchReproduces(before: string, after: string): PatchOp[] {
  const { ops, head } = patchOf(diff(before, after));
  assert.deepEqual(structure(applyOps(before, ops, head)), structure(after));
  return ops;
}

describe('parseBlockTree', () => {
  it('finds nested blocks with exact offsets, including implied closes and void elements', () => {
    const html = '<ul data-block="l"><li data-block="a">x<li data-block="b">y</ul><img data-block="i"><p>z';
    const tree = parseBlockTree(html);
    const slice = (key: string): string => {
      const node = tree.byKey.get(key);
      assert.ok(node);
      return html.slice(node.start, node.end);
    };
    assert.equal(slice('a'), '<li data-block="a">x');
    assert.equal(slice('b'), '<li data-block="b">y');
    assert.equal(slice('l'), '<ul data-block="l"><li data-block="a">x<li data-block="b">y</ul>');
    assert.equal(slice('i'), '<img data-block="i">');
    assert.deepEqual(
      tree.roots.map((node) => node.key),
      ['l', 'i'],
    );
    assert.equal(tree.byKey.get('a')?.parent, 'l');
  });

  it('parses a 1 MB document quickly', () => {
    const modules: Module[] = Array.from({ length: 20 }, (_, m) => ({
      key: `m${m}`,
      title: `Module ${m}`,
      steps: Array.from({ length: 100 }, (_, s) => ({ key: `m${m}-s${s}`, text: 'x'.repeat(480) })),
    }));
    const html = documentHtml(modules);
    assert.ok(html.length > 1_000_000);
    parseBlockTree(html);
    const started = performance.now();
    const tree = parseBlockTree(html);
    const ms = performance.now() - started;
    assert.equal(tree.byKey.size, 2020);
    assert.ok(ms < 200, `parsing 1 MB took ${ms.toFixed(1)} ms`);
  });
});

describe('diffBlockTrees', () => {
  it('sends nothing for an unchanged document', () => {
    const html = documentHtml(sample());
    assert.deepEqual(patchOf(diff(html, html)).ops, []);
  });

  it('edits one nested sub-step with exactly one upd of that sub-step', () => {
    const next = sample();
    const s2b = next[1]?.steps[1]?.subs?.[1];
    assert.ok(s2b);
    s2b.text = 'Blot dry with a lint-free tissue.';
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.deepEqual(
      ops.map((op) => [op.op, op.key]),
      [['upd', 's2b']],
    );
  });

  it('inserts a step with one ins and no op for the other steps', () => {
    const next = sample();
    next[1]?.steps.splice(1, 0, { key: 'new', text: 'Wear gloves.' });
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.equal(ops.length, 1);
    assert.deepEqual({ ...ops[0], html: undefined }, { op: 'ins', key: 'new', after: 's1', html: undefined });
  });

  it('inserts before the first step with a before anchor', () => {
    const next = sample();
    next[1]?.steps.unshift({ key: 'first', text: 'Read the SOP.' }, { key: 'second', text: 'Sign in.' });
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.deepEqual(
      ops.map((op) => [op.op, op.key, op.op === 'ins' ? (op.before ?? `after:${op.after}`) : '']),
      [
        ['ins', 'first', 's1'],
        ['ins', 'second', 'after:first'],
      ],
    );
  });

  it('deletes a step with one del', () => {
    const next = sample();
    next[1]?.steps.splice(2, 1);
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.deepEqual(ops, [{ op: 'del', key: 's3' }]);
  });

  it('moves a step as del + ins and keeps the others', () => {
    const next = sample();
    const steps = next[1]?.steps ?? [];
    const [moved] = steps.splice(0, 1);
    assert.ok(moved);
    steps.push(moved);
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.deepEqual(
      ops.map((op) => [op.op, op.key]),
      [
        ['del', 's1'],
        ['ins', 's1'],
      ],
    );
  });

  it('falls back to a full update when the body outside blocks changes', () => {
    const result = diff(documentHtml(sample()), documentHtml(sample(), undefined, 'new footer'));
    assert.equal(result.kind, 'update');
  });

  it('falls back to a full update on duplicate keys', () => {
    const next = sample();
    next[1]?.steps.push({ key: 's1', text: 'again' });
    assert.equal(diff(documentHtml(sample()), documentHtml(next)).kind, 'update');
  });

  it('falls back to a full update when a key holds a character reference', () => {
    const page = (text: string): string =>
      `<html><head></head><body><p data-block="a&amp;b">${text}</p><p data-block="c">c</p></body></html>`;
    const result = diff(page('one'), page('two'));
    assert.equal(result.kind, 'update');
    const plain = diff(page('one').replace('a&amp;b', 'ab'), page('two').replace('a&amp;b', 'ab'));
    assert.equal(plain.kind, 'patch');
  });

  it('falls back to a full update when a block moves to another parent', () => {
    const next = sample();
    const [moved] = next[1]?.steps.splice(0, 1) ?? [];
    assert.ok(moved);
    next[0]?.steps.push(moved);
    assert.equal(diff(documentHtml(sample()), documentHtml(next)).kind, 'update');
  });

  it('sends the new head when only <head> changed', () => {
    const before = documentHtml(sample());
    const after = documentHtml(sample(), '<title>SOP</title><link rel="stylesheet" href="dark.css">');
    const result = patchOf(diff(before, after));
    assert.deepEqual(result.ops, []);
    assert.equal(result.head, '<title>SOP</title><link rel="stylesheet" href="dark.css">');
    assert.deepEqual(structure(applyOps(before, result.ops, result.head)), structure(after));
  });

  it('asks for a reload when a head script changed', () => {
    const before = documentHtml(sample(), '<script src="a.js"></script>');
    assert.equal(diff(before, documentHtml(sample(), '<script src="b.js"></script>')).kind, 'reload');
    assert.equal(diff(before, documentHtml(sample(), '<title>x</title><script src="a.js"></script>')).kind, 'patch');
  });

  it('replaces a parent whose own text changed (upd of the module, not its steps)', () => {
    const next = sample();
    const module = next[1];
    assert.ok(module);
    module.title = 'Method';
    const ops = assertPatchReproduces(documentHtml(sample()), documentHtml(next));
    assert.deepEqual(
      ops.map((op) => [op.op, op.key]),
      [['upd', 'procedure']],
    );
  });

  it('reproduces the new block structure for random edits (property)', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
    const stepArb = fc.record({ key: fc.constantFrom(...keys), text: fc.constantFrom('one', 'two', 'three') });
    const stepsArb = fc.uniqueArray(stepArb, { selector: (step) => step.key, maxLength: 6 });
    const docArb = fc
      .tuple(stepsArb, fc.constantFrom('T1', 'T2'))
      .map(([steps, title]) =>
        documentHtml([{ key: 'mod', title, steps: steps.map((step) => ({ ...step, key: `k-${step.key}` })) }]),
      );
    fc.assert(
      fc.property(docArb, docArb, (before, after) => {
        const result = diff(before, after);
        if (result.kind !== 'patch') return;
        assert.deepEqual(structure(applyOps(before, result.ops, result.head)), structure(after));
      }),
      { numRuns: 300 },
    );
  });
});

describe('longestCommonSubsequence', () => {
  it('keeps the longest common subsequence, also through the large-input path', () => {
    const small = longestCommonSubsequence(['a', 'b', 'c', 'd'], ['b', 'a', 'c', 'd']);
    assert.equal(small.size, 3);
    assert.ok(small.has('c') && small.has('d'));
    const big = Array.from({ length: 3000 }, (_, index) => `k${index}`);
    const shuffled = [...big.slice(1500), ...big.slice(0, 1500)];
    assert.equal(longestCommonSubsequence(big, shuffled).size, 1500);
  });
});
