import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { caseFromError } from '../../bench/lib/failure.js';
import { htmlFixture, marker, sopFixture } from '../../bench/lib/fixtures.js';
import { renderBenchmarksMarkdown } from '../../bench/lib/report-markdown.js';
import { renderLatencySvg } from '../../bench/lib/report-svg.js';
import {
  type BenchResults,
  neutralPaths,
  normaliseResults,
  readAllResults,
  writeResults,
} from '../../bench/lib/results.js';
import { evaluateTargets } from '../../bench/lib/targets.js';

const machine = { cpu: 'Test CPU', cores: 2, memory: '4.0 GiB', os: 'Linux test x64' };
const base = { machine, node: 'v20.0.0', chromium: 'Chromium 1.2.3', date: '2026-01-02T03:04:05.000Z' };

const fake: BenchResults[] = [
  {
    ...base,
    benchmark: 'latency',
    description: 'latency test',
    cases: [
      { name: '100 KB HTML', tool: 'sop-preview', status: 'ok', metrics: { medianMs: 12.5, p90Ms: 14 } },
      { name: '100 KB HTML', tool: 'live-server', status: 'ok', metrics: { medianMs: 160, p90Ms: 190 } },
      { name: '1 MB HTML', tool: 'sop-preview', status: 'ok', metrics: { medianMs: 75, p90Ms: 90 } },
      { name: '300-step SOP', tool: 'live-server', status: 'n/a', note: 'does not read SOP files', metrics: {} },
    ],
  },
  {
    ...base,
    benchmark: 'soak',
    description: 'soak test',
    cases: [{ name: 'soak', tool: 'sop-preview (library)', status: 'failed', note: 'a | b', metrics: {} }],
  },
];

describe('bench report', () => {
  it('judges design targets honestly: met, not met, not measured', () => {
    const outcomes = evaluateTargets(fake);
    const byWhat = (start: string) => outcomes.find((item) => item.target.what.startsWith(start));
    assert.equal(byWhat('save → DOM updated, 100 KB')?.verdict, 'met');
    assert.equal(byWhat('save → DOM updated, 1 MB')?.verdict, 'not met');
    assert.equal(byWhat('save → DOM updated, 1 MB')?.measured, '75 ms');
    assert.equal(byWhat('10,000 updates')?.verdict, 'not measured');
    assert.match(byWhat('10,000 updates')?.measured ?? '', /failed: a \| b/);
    assert.match(byWhat('render a 300-step SOP')?.measured ?? '', /no render results/);
  });

  it('renders machine, versions, targets, a side-by-side table and every case', () => {
    const markdown = renderBenchmarksMarkdown(fake, { chartPath: 'bench/results/latency.svg' });
    for (const text of ['Test CPU (2 cores)', 'v20.0.0', 'Chromium 1.2.3', '2026-01-02T03:04:05.000Z']) {
      assert.ok(markdown.includes(text), `missing ${text}`);
    }
    assert.match(markdown, /\| save → DOM updated, 100 KB HTML \(median\) \| ≤ 15 ms \| 12\.5 ms \| \*\*met\*\* \|/);
    assert.match(markdown, /\| save → DOM updated, 1 MB HTML \(median\) \| ≤ 60 ms \| 75 ms \| \*\*not met\*\* \|/);
    assert.match(markdown, /\| 100 KB HTML \| 12\.5 \(14\) \| 160 \(190\) \|/);
    assert.match(markdown, /\| 300-step SOP \| live-server \| n\/a \|/);
    assert.ok(markdown.includes('a \\| b'), 'pipes in notes are escaped');
    assert.ok(markdown.includes('![median save-to-screen latency per tool](bench/results/latency.svg)'));
    assert.ok(markdown.includes('node --import tsx --expose-gc bench/soak.bench.ts'));
  });

  it('draws one bar per measured tool, longest for the slowest, and marks the rest', () => {
    const svg = renderLatencySvg(fake[0]?.cases ?? [], 'Latency <test>');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(svg.includes('Latency &lt;test&gt;'));
    const widths = [...svg.matchAll(/<rect x="\d+" y="[\d.]+" width="([\d.]+)"/g)].map((match) => Number(match[1]));
    assert.equal(widths.length, 3);
    assert.equal(Math.max(...widths), widths[1], 'live-server at 160 ms is the longest bar');
    assert.ok(svg.includes('12.5 ms') && svg.includes('>n/a<'));
  });

  it('writes results with machine info and reads them back, keeping machine paths out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-results-'));
    try {
      const note = `failed in ${join(tmpdir(), 'x')} and ${process.cwd()}`;
      await writeResults('demo', 'demo run', [{ name: 'a', status: 'failed', note, metrics: { ms: 1 } }], dir);
      await writeFile(join(dir, 'other.json'), '{"not": "results"}');
      const [read, ...rest] = await readAllResults(dir);
      assert.equal(rest.length, 0, 'files of another shape are skipped');
      assert.equal(read?.benchmark, 'demo');
      assert.equal(read?.node, process.version);
      assert.equal(typeof read?.machine.cores, 'number');
      assert.ok(!Number.isNaN(Date.parse(read?.date ?? '')));
      const raw = await readFile(join(dir, 'demo.json'), 'utf8');
      assert.ok(!raw.includes(tmpdir()) && !raw.includes(process.cwd()), raw);
      assert.equal(neutralPaths(`${process.cwd()}/x`), './x');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('calls a missing sop-preview part unavailable and anything else failed', () => {
    const dump = 'exited with code 1:\nnode:internal/x\n  throw e\nError [ERR_MODULE_NOT_FOUND]: Cannot find module x';
    const missing = caseFromError('c', 'sop-preview', new Error(dump));
    assert.equal(missing.status, 'unavailable');
    assert.equal(missing.note, 'exited with code 1: Error [ERR_MODULE_NOT_FOUND]: Cannot find module x');
    assert.equal(caseFromError('c', 'live-server', new Error(dump)).status, 'failed');
    assert.equal(caseFromError('c', 'sop-preview', new Error('timeout')).status, 'failed');
  });

  it('builds fixtures of the requested size with the edit marker in place', () => {
    const html = htmlFixture({ bytes: 100_000, edit: 7 });
    assert.ok(Math.abs(Buffer.byteLength(html) - 100_000) < 5_000, `size ${Buffer.byteLength(html)}`);
    assert.equal(html.split(marker(7)).length, 2);
    const large = htmlFixture({ bytes: 100_000, edit: 7, revision: 1 });
    const changed = html.split('\n').filter((line, i) => line !== large.split('\n')[i]).length;
    assert.ok(changed > 90, `large edit changes about half the sections (${changed})`);
    const sop = sopFixture(300, 3);
    assert.equal(sop.match(/^ {6}- text:/gm)?.length, 300);
    assert.ok(sop.includes(marker(3)));
  });
});

describe('bench results reader', () => {
  it('turns a flat results file into cases the targets can read', () => {
    const flat = {
      benchmark: 'render',
      date: '2026-01-01T00:00:00.000Z',
      machine: { cpu: 'X', cores: 2 },
      node: 'v20.0.0',
      steps: 300,
      renderMs: { median: 2.9, p90: 4.2, min: 1.5 },
      loadMs: { median: 33, p90: 65 },
    };
    const results = normaliseResults(flat);
    assert.equal(results?.cases.length, 2);
    assert.deepEqual(results?.cases[0], {
      name: 'renderMs',
      status: 'ok',
      metrics: { medianMs: 2.9, p90Ms: 4.2, minMs: 1.5 },
    });
    assert.match(results?.description ?? '', /steps: 300/);
    assert.equal(results?.machine.memory, 'unknown');
    const render = evaluateTargets(results ? [results] : []).find((item) => item.target.benchmark === 'render');
    assert.equal(render?.verdict, 'met');
    assert.equal(normaliseResults({ not: 'results' }), undefined);
  });
});
