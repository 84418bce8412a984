import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EDIT_KINDS,
  findEditPoints,
  kindOf,
  pageAfter,
  signalOf,
  stripScripts,
  supportedKinds,
  withStamp,
} from '../../bench/lib/edit-sequence.js';
import { marker } from '../../bench/lib/fixtures.js';
import { SHAPES, shapedPage } from '../../bench/lib/html-shapes.js';
import { anyHtmlTables, formatBytes, formatRatio, ratioToBaseline } from '../../bench/lib/report-any-html.js';
import {
  README_END,
  README_START,
  renderReadmePerformance,
  replaceReadmeBlock,
} from '../../bench/lib/report-readme.js';
import type { BenchCase, BenchResults } from '../../bench/lib/results.js';

/** Asserts what the probe waits for after each step is true of the files saved before and after it. */
function assertSignals(html: string, steps: number): void {
  const page = findEditPoints(html);
  assert.ok(page, 'edit points found');
  const kinds = supportedKinds(page);
  for (let n = 1; n <= steps; n += 1) {
    if (!kinds.includes(kindOf(n))) continue;
    const before = pageAfter(page, n - 1);
    const after = pageAfter(page, n);
    const signal = signalOf(n);
    if ('appears' in signal) {
      assert.ok(
        !before.includes(signal.appears) && after.includes(signal.appears),
        `step ${n} (${kindOf(n)}) adds its marker`,
      );
    } else {
      assert.ok(
        before.includes(signal.gone) && !after.includes(signal.gone),
        `step ${n} removes the inserted paragraph`,
      );
    }
  }
}

describe('any-html edit sequence', () => {
  for (const shape of SHAPES) {
    it(`applies the five kinds in turn to a generated page with ${shape}, each visible to the probe`, () => {
      const html = shapedPage(shape, 100_000);
      assert.ok(Math.abs(html.length - 100_000) < 25_000, `about 100 KB, got ${html.length}`);
      const page = findEditPoints(html);
      assert.deepEqual(page && supportedKinds(page), [...EDIT_KINDS]);
      assertSignals(html, 16);
      assert.equal(pageAfter(page as NonNullable<typeof page>, 0), html, 'step 0 is the page itself');
    });
  }

  it('keys what it inserts only where the page keys its siblings', () => {
    const keyedItems = findEditPoints(shapedPage('small keyed items', 50_000));
    assert.ok(keyedItems);
    assert.equal(keyedItems.target.tag, 'li', 'a page of items is edited in its items');
    assert.match(pageAfter(keyedItems, 2), /<li data-block="bench-ins-2">BENCHMARK-EDIT-2/);
    const listKeys = findEditPoints(shapedPage('keys on list items only', 50_000));
    assert.ok(listKeys);
    assert.match(pageAfter(listKeys, 2), /<p>BENCHMARK-EDIT-2/, 'the paragraph stays unkeyed');
    assert.match(pageAfter(listKeys, 5), /<li data-block="bench-li-5a">/);
    const after = pageAfter(listKeys, 10);
    assert.ok(after.indexOf(marker(10)) < after.indexOf(marker(5)), 'newer list items go first');
  });

  it('strips scripts, and edits a code listing line by line when it has no paragraphs', () => {
    const listing =
      '<!doctype html><html><head><script src="x.js"></script><script>alert(1)</script></head><body><pre><code>' +
      Array.from({ length: 40 }, (_, i) => `<span class="kw">let</span> reading_${i} = measure();\n`).join('') +
      '</code></pre></body></html>';
    assert.ok(!stripScripts(listing).includes('<script'));
    const page = findEditPoints(listing);
    assert.ok(page);
    assert.equal(page.target.tag, 'line');
    assert.ok(!supportedKinds(page).includes('list items added'));
    assertSignals(listing, 11);
    assert.match(pageAfter(page, 2), /\nBENCHMARK-EDIT-2: [^\n<]*\n/, 'an inserted line of its own');
  });

  it('with a stamp, every step also rewrites the top of the page: two places apart per save', () => {
    const html = shapedPage('no keys', 100_000);
    const plain = findEditPoints(html);
    assert.ok(plain);
    const page = withStamp(plain);
    assert.ok(page);
    assert.match(pageAfter(page, 0), /<body><div class="revision">Revision 0<\/div><main>/);
    for (let n = 1; n <= 10; n += 1) {
      const before = pageAfter(page, n - 1);
      const after = pageAfter(page, n);
      assert.ok(after.includes(`<div class="revision">Revision ${n}</div>`), `step ${n} rewrites the stamp`);
      // Without the stamp, each step is the same as on the page without one.
      assert.equal(
        after.replace(/Revision \d+/, 'Revision 0').replace(/<div class="revision">Revision 0<\/div>/, ''),
        pageAfter(plain, n),
      );
      let first = 0;
      while (before[first] === after[first]) first += 1;
      let last = 0;
      while (before[before.length - 1 - last] === after[after.length - 1 - last]) last += 1;
      assert.ok(first < after.indexOf('<main>'), `step ${n} changes the top`);
      assert.ok(after.length - last > after.length * 0.8, `step ${n} changes a place far below it`);
    }
    assert.equal(withStamp({ ...plain, html: '<p>no body tag</p>' }), undefined);
  });

  it('finds no edit point in a page without text', () => {
    assert.equal(findEditPoints('<!doctype html><title>t</title><body><img src=a.png></body>'), undefined);
  });
});

const anyCase = (name: string, tool: string, medianMs: number, group = 'real-world'): BenchCase => ({
  name,
  tool,
  status: 'ok',
  metrics: {
    group,
    page: group === 'real-world' ? 'rust docs: book/print.html' : 'generated',
    documentBytes: 1_877_626,
    medianMs,
    p90Ms: medianMs * 1.5,
    bytesPerEdit: tool === 'sop-preview' ? 900 : 1_900_000,
    reloadsPerEdit: tool === 'sop-preview' ? 0 : 1,
    scrollKept: '10/10',
  },
});

const anyCases: BenchCase[] = [
  anyCase('mdBook print page', 'sop-preview', 484),
  anyCase('mdBook print page', 'live-server', 400),
  anyCase('mdBook print page', 'five-server', 800),
  { name: 'mdBook print page', tool: 'browser-sync', status: 'failed', note: 'boom', metrics: { group: 'real-world' } },
  anyCase('1 MB, no keys', 'sop-preview', 20, 'synthetic'),
  anyCase('1 MB, no keys', 'live-server', 500, 'synthetic'),
  {
    name: 'Sphinx page',
    tool: 'sop-preview',
    status: 'n/a',
    note: 'skipped: none found',
    metrics: { group: 'real-world' },
  },
];

const machine = { cpu: 'Test CPU', cores: 2, memory: '4.0 GiB', os: 'Linux test x64' };
const results = (benchmark: string, cases: BenchCase[]): BenchResults => ({
  benchmark,
  description: benchmark,
  machine,
  node: 'v20.0.0',
  chromium: 'Chromium 1.2.3',
  date: '2026-01-02T03:04:05.000Z',
  cases,
});

describe('any-html report', () => {
  it('formats sizes and ratios', () => {
    assert.equal(formatBytes(1_877_626), '1.9 MB');
    assert.equal(formatBytes(393_000), '393 KB');
    assert.equal(formatBytes(228), '228 B');
    assert.equal(formatRatio(0.0612), '0.06×');
    assert.equal(formatRatio(1.21), '1.2×');
    assert.equal(formatRatio(18.4), '18×');
  });

  it('gives each tool its ratio to live-server on the same page, and lists skipped pages', () => {
    assert.equal(ratioToBaseline(anyCases, 'mdBook print page', 'sop-preview'), 484 / 400);
    assert.equal(ratioToBaseline(anyCases, 'mdBook print page', 'browser-sync'), undefined);
    const text = anyHtmlTables(anyCases).join('\n');
    assert.match(text, /### Real-world pages/);
    assert.match(
      text,
      /\| mdBook print page \(rust docs: book\/print\.html\) \| 1\.9 MB \| 484 \(726\) · 1\.2× \| 400 \(600\) · 1\.0× \|/,
    );
    assert.match(text, /\| 1 MB, no keys \| 1\.9 MB \| 20 \(30\) · 0\.04× \|/);
    assert.match(text, /900 B · 0 · 10\/10/);
    assert.match(text, /failed/);
    assert.match(text, /Skipped: Sphinx page \(none found\)\./);
  });

  it('bolds in the README only the fastest of each row, so a real page where a peer wins shows it', () => {
    const block = renderReadmePerformance([
      results('latency', [
        { name: '100 KB HTML', tool: 'sop-preview', status: 'ok', metrics: { medianMs: 8.47 } },
        { name: '100 KB HTML', tool: 'live-server', status: 'ok', metrics: { medianMs: 158.2 } },
      ]),
      { ...results('any-html', anyCases), loadAverage: 25 },
    ]);
    assert.ok(block.startsWith(README_START) && block.endsWith(README_END));
    assert.match(block, /\| 100 KB HTML \(ours, keyed blocks\) \| \*\*8\.5 ms\*\* \| 158 ms \(19×\) \|/);
    assert.match(block, /\| \*real-world pages, five kinds of edit\* \|/);
    assert.match(
      block,
      /\| mdBook print page, 1\.9 MB \| 484 ms \| \*\*400 ms\*\* \(0\.8×\) \| 800 ms \(1\.7×\) \| failed \|/,
    );
    assert.match(block, /\| 1 MB, no keys \| \*\*20\.0 ms\*\* \| 500 ms \(25×\) \|/);
    assert.ok(!block.includes('Sphinx page'), 'a page measured by no tool has no row');
    assert.match(block, /`bench\/results\/latency\.json`: Test CPU, 2 cores, Node v20\.0\.0, 2026-01-02\n/);
    assert.match(
      block,
      /`bench\/results\/any-html\.json`: Test CPU, 2 cores, Node v20\.0\.0, 2026-01-02; \*\*load average 25/,
    );
  });

  it('replaces only the marked block of the README', () => {
    const readme = `# x\n\n${README_START}\nold\n${README_END}\n\nafter\n`;
    assert.equal(
      replaceReadmeBlock(readme, `${README_START}\nnew\n${README_END}`),
      `# x\n\n${README_START}\nnew\n${README_END}\n\nafter\n`,
    );
    assert.equal(replaceReadmeBlock('# no markers\n', 'new'), '# no markers\n');
  });
});
