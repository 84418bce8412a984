/**
 * Server share of save-to-screen on pages without keys: the keyed tree of the new version
 * (built from the previous one's, re-parsing the edited region) and the diff, per save of one
 * more edited paragraph (edits accumulate, as an author's do), on a ~1.2 MB page of ~40,000
 * elements and on 7,000 small keyed `<li>` blocks, and on both with a revision stamp at the top
 * that every save rewrites too (two places apart). Reported, not asserted.
 * Run: `npx tsx bench/profile-anyhtml.ts [runs]`.
 */
import { performance } from 'node:perf_hooks';
import { diffBlockTrees } from '../src/server/diff/block-diff.js';
import { buildKeyedTree } from '../src/server/diff/keyed-tree.js';
import { updateKeyedTree } from '../src/server/diff/keyed-tree-update.js';

const RUNS = Number(process.argv[2] ?? 30);

/** ~1.8 MB, ~24,000 elements: sections of headings, paragraphs with inline code, code blocks and lists. */
function bigPage(edited: ReadonlySet<number>): string {
  const sections: string[] = [];
  for (let s = 0; s < 600; s += 1) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 6; p += 1) {
      const text = `Paragraph ${s}.${p}${edited.has(s * 6 + p) ? ' (edited)' : ''}: use <code>Vec::push</code> and <em>never</em> <a href="#x">index</a> past the end. `;
      paragraphs.push(`<p>${text.repeat(3)}</p>`);
    }
    sections.push(
      `<section id="index-0"><h2 id="s${s}">Section ${s}</h2>\n${paragraphs.join('\n')}\n<pre><code>fn f() { let v = vec![${s}]; }</code></pre>\n<ul><li>a</li><li>b</li><li>c</li></ul></section>`,
    );
  }
  return `<!doctype html><html><head><title>big</title></head><body><main>\n${sections.join('\n')}\n</main></body></html>`;
}

/** 7,000 small keyed list items. */
function keyedItems(edited: ReadonlySet<number>): string {
  const items: string[] = [];
  for (let i = 0; i < 7000; i += 1)
    items.push(`<li data-block="i${i}">Item ${i}${edited.has(i) ? ' (edited)' : ''}</li>`);
  return `<!doctype html><html><head><title>items</title></head><body><ul>\n${items.join('\n')}\n</ul></body></html>`;
}

function profile(name: string, make: (edited: ReadonlySet<number>) => string, edits: number): void {
  const edited = new Set<number>();
  let previous = buildKeyedTree(make(edited));
  const elements = (previous.html.match(/<[a-z]/g) ?? []).length;
  const tree: number[] = [];
  const diff: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    edited.add((run * 37) % edits);
    // Through a buffer, as a file read gives it: one flat string, not a rope of template parts.
    const html = Buffer.from(make(edited)).toString('utf8');
    const t0 = performance.now();
    const next = updateKeyedTree(previous, html);
    const t1 = performance.now();
    const result = diffBlockTrees(previous, next);
    const t2 = performance.now();
    tree.push(t1 - t0);
    diff.push(t2 - t1);
    bytes = result.kind === 'patch' ? JSON.stringify(result.ops).length : html.length;
    previous = next;
  }
  const stat = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(1);
    return `p50 ${at(0.5)} ms, p90 ${at(0.9)} ms`;
  };
  console.log(
    `${name}: ${(previous.html.length / 1e6).toFixed(2)} MB, ${elements} elements; keyed tree ${stat(tree)}; diff ${stat(diff)}; ops ${bytes} B`,
  );
}

/** `make` with a revision stamp first in the body that every save rewrites: each save changes two places apart. */
const stamped =
  (make: (edited: ReadonlySet<number>) => string) =>
  (edited: ReadonlySet<number>): string =>
    make(edited).replace(/<body>/, `<body><div class="revision">Revision ${edited.size}</div>`);

profile('1.8 MB page, no keys', bigPage, 3600);
profile('7,000 keyed <li>', keyedItems, 7000);
profile('1.8 MB page, no keys, stamp at the top too', stamped(bigPage), 3600);
profile('7,000 keyed <li>, stamp at the top too', stamped(keyedItems), 7000);
