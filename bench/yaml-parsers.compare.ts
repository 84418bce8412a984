/**
 * Issue 10 item 8: does the js-yaml fast path pay? Parses the 300-step benchmark SOP with the fast
 * path (`parseYaml`) and with the `yaml` package alone (`parseYamlFull`, positions computed only
 * when asked), interleaved in one process so load on a shared machine hits both alike, and also
 * times the whole save path (parse + validate + render) with each. Not a `*.bench.ts`: a one-off
 * comparison. Run: `npx tsx bench/yaml-parsers.compare.ts [iterations]`.
 */
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { parseYaml, parseYamlFull, type YamlParseResult } from '../src/sop/load-yaml.js';
import { renderSop } from '../src/sop/render-sop.js';
import { validateSop } from '../src/sop/validate.js';
import { makeDocument } from './lib/sop-300.js';
import { median, p90 } from './lib/stats.js';

const ITERATIONS = Number(process.argv[2] ?? 1000);
const WARMUP = 100;
const text = stringify(makeDocument());

type Parse = (text: string, file: string | undefined) => YamlParseResult;
const variants: [string, Parse][] = [
  ['js-yaml fast path', parseYaml],
  ['yaml alone', parseYamlFull],
];

function saveAndRender(parse: Parse): void {
  const parsed = parse(text, undefined);
  if (!parsed.ok) throw new Error('bench YAML does not parse');
  const loaded = validateSop({ data: parsed.data, source: text, locate: parsed.locate });
  if (!loaded.ok) throw new Error('bench YAML does not validate');
  renderSop(loaded.document);
}

const samples = new Map<string, number[]>();
const time = (name: string, run: () => void) => {
  const start = performance.now();
  run();
  const elapsed = performance.now() - start;
  samples.get(name)?.push(elapsed) ?? samples.set(name, [elapsed]);
};
for (let i = 0; i < WARMUP + ITERATIONS; i++) {
  // Alternate the order so neither variant always runs on a warmer cache.
  const order = i % 2 === 0 ? variants : [...variants].reverse();
  for (const [name, parse] of order) {
    time(`parse: ${name}`, () => parse(text, undefined));
    time(`parse + validate + render: ${name}`, () => saveAndRender(parse));
  }
  if (i === WARMUP - 1) samples.clear();
}

console.log(`300-step SOP, ${Buffer.byteLength(text)} bytes of YAML, ${ITERATIONS} interleaved iterations`);
for (const [name, values] of [...samples].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${name.padEnd(46)} median ${median(values).toFixed(3)} ms, p90 ${p90(values).toFixed(3)} ms`);
}
