/**
 * BENCHMARKS.md from the results files: machine and versions, the design §9 targets with met /
 * not met, the latency chart, and one table per benchmark. Pure (results in, text out) so it can
 * be tested with a made-up results set.
 */
import { anyHtmlTables } from './report-any-html.js';
import type { BenchCase, BenchResults, MetricValue } from './results.js';
import { evaluateTargets, TARGETS, type Target } from './targets.js';

/** Inputs besides the results. */
export interface ReportOptions {
  /** Path of the latency chart, relative to BENCHMARKS.md. */
  chartPath?: string;
  /** Targets to judge. @default TARGETS */
  targets?: readonly Target[];
}

/** Order benchmarks appear in; others follow alphabetically. */
const ORDER = [
  'latency',
  'engines-latency',
  'wire-bytes',
  'any-html',
  'fan-out',
  'soak',
  'idle',
  'render',
  'review',
  'editor',
];

/** How to run each benchmark by itself. */
const COMMANDS: Record<string, string> = {
  soak: 'node --import tsx --expose-gc bench/soak.bench.ts',
};

/** How the numbers are taken; fixed text, so it lives here rather than in any results file. */
const METHOD = [
  '## Method',
  '',
  '- **Save-to-screen** (`latency`): headless Chromium on loopback. A `MutationObserver` installed before any page',
  '  script (and again in every reloaded document) stamps `performance.timeOrigin + performance.now()` when the new',
  '  marker text enters the DOM; the benchmark stamps the same clock just before `fs.writeFile`. The page is',
  '  scrolled to the middle and the edit is at 90 % of the page; each edit waits until the page is loaded and its',
  "  live-reload socket is open again, then 250 ms, so peers' debounces never merge two edits. Median and p90",
  '  (nearest rank) of the measured edits after one warm-up; reloads per edit and whether the scroll offset',
  '  stayed within 2 px.',
  '- **Engines** (`engines-latency`): the same save-to-screen loop for sop-preview alone in Chromium, Firefox ESR (WebDriver',
  '  BiDi) and WebKitGTK (WebDriver, on Xvfb); the probe is installed once the page is live (sop-preview never reloads).',
  '- **Peers** run from their own packages with default settings, each in its own temp folder: live-server',
  '  `--no-browser --port=P --host=127.0.0.1`, five-server `--open=false --port=P --host=127.0.0.1`, browser-sync',
  '  `start --server --files "*.html" --no-open --port P --listen 127.0.0.1 --no-ui --no-online` (no UI server and',
  '  no online check, which would look up a public host). Not `node_modules/.bin/live-server`: five-server installs',
  '  a bin of that name which shadows the real live-server.',
  '- **sop-preview** runs as its CLI (`bin/sop-preview.js FILE --port 0 --no-open`) for file saves, and as the',
  '  library (`LivePreviewServer.updateContent`) for the `sop-preview (library)` rows.',
  '- **Wire bytes**: CDP `Network.webSocketFrameReceived` payload lengths plus `Network.loadingFinished`',
  '  `encodedDataLength` of every HTTP response between the edit and the page settling.',
  "- **Any HTML** (`any-html`): real documentation pages found on the machine at run time (the Rust toolchain's",
  '  docs under the rustup toolchains, Sphinx, DocBook and plain pages under `/usr/share/doc`; scripts removed; a',
  '  page not found is listed as skipped) and generated pages without keys, with keys on list items only, and with',
  '  many small keyed items. Five kinds of edit are saved one after another (a word changed, a paragraph',
  '  inserted, that paragraph removed, code edited, two list items added), each file the same for every tool;',
  '  a removal counts as shown when its text left the DOM (patching tools) or a reloaded document finished',
  "  parsing. Bytes and reloads are counted per edit as for wire bytes; ratios are to live-server's median on",
  '  the same page in the same run.',
  '- **Fan-out / soak**: WebSocket clients (`ws`) in a separate process, so the server process is measured alone;',
  '  "has the version" means every client received and parsed a frame of that version or later.',
  '- **Idle**: the server alone in a child process (`process.cpuUsage`) and the open page (CDP',
  '  `Performance.getMetrics` TaskDuration) over the window, after a 5 s settle.',
  '- **Review** (`review`): `redlinePage()` in process on two rendered revisions; the `--compare` save timed like',
  '  save-to-screen; the PDF is `page.pdf()` of a running Chromium (launch reported apart).',
  '- **Noise**: each section gives the 1-minute load average when it finished; on this 2-core machine anything',
  '  near or above 2 means other work shared the CPU and the figures are pessimistic. Rerun `npm run bench` on an',
  '  idle machine for clean numbers.',
  '',
];

const cell = (value: MetricValue | undefined): string => {
  if (value === null || value === undefined) return '–';
  return String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
};

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** A benchmark's cases as a Markdown table: case, tool, status, every metric, note. */
export function casesTable(cases: readonly BenchCase[]): string {
  const metricNames: string[] = [];
  for (const item of cases)
    for (const name of Object.keys(item.metrics)) if (!metricNames.includes(name)) metricNames.push(name);
  const hasTool = cases.some((item) => item.tool !== undefined);
  const hasNote = cases.some((item) => item.note !== undefined);
  const header = ['case', ...(hasTool ? ['tool'] : []), 'status', ...metricNames, ...(hasNote ? ['note'] : [])];
  const rows = cases.map((item) => [
    cell(item.name),
    ...(hasTool ? [cell(item.tool)] : []),
    item.status,
    ...metricNames.map((name) => cell(item.metrics[name])),
    ...(hasNote ? [cell(item.note)] : []),
  ]);
  return table(header, rows);
}

/** Median (p90) per case × tool, the side-by-side view of a comparison benchmark. */
export function comparisonTable(cases: readonly BenchCase[]): string {
  const names = [...new Set(cases.map((item) => item.name))];
  const tools = [...new Set(cases.map((item) => item.tool ?? ''))];
  const rows = names.map((name) => [
    cell(name),
    ...tools.map((tool) => {
      const item = cases.find((candidate) => candidate.name === name && (candidate.tool ?? '') === tool);
      if (!item) return '';
      const { medianMs, p90Ms } = item.metrics;
      return item.status === 'ok' && typeof medianMs === 'number' ? `${medianMs} (${cell(p90Ms)})` : item.status;
    }),
  ]);
  return table(['case', ...tools.map(cell)], rows);
}

/**
 * A 100 KB page pushed from a program → new text in the DOM, Node library beside Python package:
 * the `latency` benchmark's library row and the `python-latency` row. Empty when either is missing.
 */
export function libraryLanguagesTable(results: readonly BenchResults[]): string[] {
  const row = (benchmark: string, tool: string, call: string): string[] | undefined => {
    const item = results
      .find((candidate) => candidate.benchmark === benchmark)
      ?.cases.find((candidate) => candidate.tool === tool && candidate.name.endsWith('100 KB'));
    return item?.status === 'ok' ? [call, cell(item.metrics.medianMs), cell(item.metrics.p90Ms)] : undefined;
  };
  const node = row('latency', 'sop-preview (library)', 'Node: `LivePreviewServer.updateContent(html)`');
  const python = row(
    'python-latency',
    'sop-preview (Python)',
    'Python: `DocumentPreviewManager.request_preview_update()`',
  );
  if (!node || !python) return [];
  return [
    'From a program, 100 KB page → new text in the DOM (ms):',
    '',
    table(['call', 'median', 'p90'], [node, python]),
    '',
  ];
}
/** The browser engines the `engines-latency` benchmark ran in, with their versions (its tool column). */
const engineVersions = (results: readonly BenchResults[]): string[][] => {
  const engines = results.find((item) => item.benchmark === 'engines-latency');
  return engines ? [['browser engines', [...new Set(engines.cases.map((item) => cell(item.tool)))].join(', ')]] : [];
};

const sortResults = (results: readonly BenchResults[]): BenchResults[] =>
  [...results].sort((a, b) => {
    const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
    return rank(a.benchmark) - rank(b.benchmark) || a.benchmark.localeCompare(b.benchmark);
  });

/** Renders BENCHMARKS.md. */
export function renderBenchmarksMarkdown(results: readonly BenchResults[], options: ReportOptions = {}): string {
  const sorted = sortResults(results);
  const out: string[] = [
    '# Benchmarks',
    '',
    'Generated by `npm run bench` from the committed `bench/results/*.json`; every number below comes from',
    'those files. Do not edit by hand: rerun `npm run bench` (all benchmarks, then this page) or',
    '`node scripts/run-bench.mjs --report-only` (this page only).',
    '',
  ];
  if (sorted.length === 0) {
    out.push('No results yet: run `npm run bench`.', '');
    return out.join('\n');
  }
  const newest = [...sorted].sort((a, b) => b.date.localeCompare(a.date))[0] as BenchResults;
  out.push(
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${cell(newest.machine.cpu)} (${newest.machine.cores} cores)`],
        ['memory', newest.machine.memory],
        ['OS', cell(newest.machine.os)],
        ['Node', newest.node],
        ['Chromium', cell(newest.chromium)],
        ...engineVersions(sorted),
        ['runs', `${sorted.map((item) => item.date).sort()[0]} … ${newest.date}`],
      ],
    ),
    '',
  );
  const others = sorted.filter(
    (item) =>
      item.machine.cpu !== newest.machine.cpu ||
      item.machine.cores !== newest.machine.cores ||
      item.node !== newest.node,
  );
  if (others.length > 0) {
    out.push(
      `**Mixed machines:** ${others.map((item) => `\`${item.benchmark}\``).join(', ')} ran on another machine or Node version (see its section).`,
      '',
    );
  }
  out.push(
    '## Targets (design §9)',
    '',
    table(
      ['what', 'target', 'measured', 'result'],
      evaluateTargets(sorted, options.targets ?? TARGETS).map(({ target, verdict, measured }) => [
        cell(target.what),
        target.target,
        cell(measured),
        verdict === 'met' ? '**met**' : verdict === 'not met' ? '**not met**' : 'not measured',
      ]),
    ),
    '',
  );
  out.push(...METHOD);
  for (const results of sorted) {
    out.push(`## ${results.benchmark}`, '', results.description, '');
    out.push(
      `Run ${results.date} on ${results.machine.cpu} (${results.machine.cores} cores, ${results.machine.memory}), Node ${results.node}, ${results.chromium}${results.loadAverage === undefined ? '' : `; load average ${results.loadAverage} when it finished`}.`,
      `Alone: \`${COMMANDS[results.benchmark] ?? `npx tsx bench/${results.benchmark}.bench.ts`}\`.`,
      '',
    );
    if (results.benchmark === 'any-html') {
      out.push(...anyHtmlTables(results.cases), 'All figures:', '');
    } else if (results.cases.some((item) => item.tool !== undefined && typeof item.metrics.medianMs === 'number')) {
      if (results.benchmark === 'latency' && options.chartPath) {
        out.push(`![median save-to-screen latency per tool](${options.chartPath})`, '');
      }
      out.push('Median (p90), ms:', '', comparisonTable(results.cases), '', 'All figures:', '');
    }
    out.push(casesTable(results.cases), '');
    if (results.benchmark === 'latency') out.push(...libraryLanguagesTable(sorted));
  }
  return out.join('\n');
}
