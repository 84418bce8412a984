/**
 * Render benchmark: a 300-step SOP (three levels, callouts, checkboxes, durations) rendered to
 * HTML, and the whole save path (parse + validate + render) from YAML text. Target: render
 * ≤ 10 ms median. Reported, not asserted. Run: `npx tsx bench/render.bench.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadSopText } from '../src/sop/load-sop.js';
import type { SopDocument, SopStep } from '../src/sop/model.js';
import { renderSop } from '../src/sop/render-sop.js';
import { makeDocument, STEPS } from './lib/sop-300.js';

const WARMUP = 30;
const RUNS = 200;

/** The same procedure as a `*.sop.md`, built by hand from the model. */
function toMarkdown(doc: SopDocument): string {
  const lines = [
    '---',
    `id: ${doc.id}`,
    `title: ${doc.title}`,
    `version: "${doc.version}"`,
    `status: ${doc.status}`,
    '---',
    '',
  ];
  const writeSteps = (steps: SopStep[], indent: string) => {
    steps.forEach((step, index) => {
      const attributes = [step.id ? `#${step.id}` : '', step.duration ? `duration="${step.duration}"` : '']
        .filter(Boolean)
        .join(' ');
      const marker = `${index + 1}. `;
      lines.push(`${indent}${marker}${step.checkbox ? '[ ] ' : ''}${step.text}${attributes ? ` {${attributes}}` : ''}`);
      const inner = indent + ' '.repeat(marker.length);
      for (const callout of step.callouts ?? []) lines.push('', `${inner}> **${callout.level}:** ${callout.text}`, '');
      if (step.steps) writeSteps(step.steps, inner);
    });
  };
  for (const module of doc.modules) {
    if (module.type === 'procedure') {
      lines.push('## Procedure', '');
      writeSteps(module.steps, '');
      lines.push('');
    }
  }
  return lines.join('\n');
}

function measure(run: () => void): { median: number; p90: number; min: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3));
  return { median: at(0.5), p90: at(0.9), min: at(0) };
}

const doc = makeDocument();
const yaml = stringify(doc);
const { html } = renderSop(doc);
const stepCount = (html.match(/class="sop-step /g) ?? []).length;
if (stepCount !== STEPS) throw new Error(`expected ${STEPS} steps, rendered ${stepCount}`);

const render = measure(() => renderSop(doc));
const loadAndRender = measure(() => {
  const loaded = loadSopText({ text: yaml, format: 'yaml' });
  if (!loaded.ok) throw new Error('bench document does not load');
  renderSop(loaded.document);
});

const markdown = toMarkdown(doc);
const markdownCheck = loadSopText({ text: markdown, format: 'markdown' });
if (!markdownCheck.ok) throw new Error(`bench Markdown does not load: ${markdownCheck.errors[0]?.message}`);
const markdownLoadAndRender = measure(() => {
  const loaded = loadSopText({ text: markdown, format: 'markdown' });
  if (!loaded.ok) throw new Error('bench Markdown does not load');
  renderSop(loaded.document);
});

const result = {
  benchmark: 'render',
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  node: process.version,
  steps: STEPS,
  htmlBytes: Buffer.byteLength(html),
  yamlBytes: Buffer.byteLength(yaml),
  runs: RUNS,
  renderMs: render,
  loadYamlAndRenderMs: loadAndRender,
  loadMarkdownAndRenderMs: markdownLoadAndRender,
  targetRenderMedianMs: 10,
  meetsTarget: render.median <= 10,
};

console.log(`machine: ${result.machine.cpu} (${result.machine.cores} cores), Node ${result.node}, ${result.date}`);
console.log(`300-step SOP, ${result.htmlBytes} bytes of HTML, ${RUNS} runs after ${WARMUP} warm-up runs`);
console.log(`renderSop:            median ${render.median} ms, p90 ${render.p90} ms (target ≤ 10 ms median)`);
console.log(
  `load YAML + render:   median ${loadAndRender.median} ms, p90 ${loadAndRender.p90} ms (YAML parsing dominates)`,
);
console.log(`load .sop.md + render: median ${markdownLoadAndRender.median} ms, p90 ${markdownLoadAndRender.p90} ms`);

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'render.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${out.slice(out.indexOf('bench'))}`);
