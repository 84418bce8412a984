/**
 * The results-file format every benchmark writes to `bench/results/<name>.json`, and the reader the
 * report generator uses. BENCHMARKS.md is generated only from these files.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumVersion, type MachineInfo, machineInfo } from './machine-info.js';

/** Folder of the committed results files. */
export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/**
 * How a case ended: `ok` measured; `n/a` does not apply to that tool (peers cannot read SOP files);
 * `unavailable` a part of sop-preview it needs is missing; `failed` it ran and broke.
 */
export type CaseStatus = 'ok' | 'n/a' | 'unavailable' | 'failed';

/** One metric value; `null` when a metric could not be measured in that case. */
export type MetricValue = number | string | boolean | null;

/** One measured case: a row of a benchmark's table. */
export interface BenchCase {
  /** What was measured, e.g. `100 KB HTML`. */
  name: string;
  /** Which tool, when a benchmark compares tools. */
  tool?: string;
  /** How the case ended. */
  status: CaseStatus;
  /** Why a case is not `ok`, or a caveat worth a reader's attention. */
  note?: string;
  /** Named figures; the name carries the unit (`medianMs`, `bytes`, `rssMB`). */
  metrics: Record<string, MetricValue>;
  /** Raw samples behind the summary, for anyone re-analysing a run. */
  samples?: number[];
}

/** One results file. */
export interface BenchResults {
  /** Benchmark name, the file's base name. */
  benchmark: string;
  /** One line describing what the benchmark measures and how. */
  description: string;
  /** The machine it ran on. */
  machine: MachineInfo;
  /** Node version. */
  node: string;
  /** Chromium version. */
  chromium: string;
  /** ISO date and time of the run. */
  date: string;
  /**
   * 1-minute load average when the results were written: other work on the machine during a run
   * shows up here rather than silently in the figures.
   */
  loadAverage?: number;
  /** Measured cases. */
  cases: BenchCase[];
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Replaces this machine's paths in a note with neutral placeholders: results files are committed,
 * and a checkout's location or a user's home folder is nobody's business.
 */
export function neutralPaths(text: string): string {
  return text.split(ROOT).join('.').split(tmpdir()).join('<tmp>').split(homedir()).join('~');
}

/**
 * The one-minute load average when the benchmark process started: at the end it mostly measures
 * the benchmark's own browsers and servers, which would flag every heavy run as disturbed.
 */
const LOAD_AT_START = loadavg()[0] ?? 0;

/** Builds a results object for the current machine and writes it to {@link RESULTS_DIR}. */
export async function writeResults(
  benchmark: string,
  description: string,
  cases: BenchCase[],
  dir = RESULTS_DIR,
): Promise<BenchResults> {
  const results: BenchResults = {
    benchmark,
    description,
    machine: machineInfo(),
    node: process.version,
    chromium: await chromiumVersion(),
    date: new Date().toISOString(),
    loadAverage: Math.round(LOAD_AT_START * 100) / 100,
    cases: cases.map((item) => (item.note === undefined ? item : { ...item, note: neutralPaths(item.note) })),
  };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${benchmark}.json`), `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Accepts a results file in this module's shape, or a flat one (`{benchmark, date, machine, …,
 * someMs: {median, p90, min}}`, as a benchmark written without this module may produce): each
 * object with a numeric `median` becomes a case, other scalars go to the description. Returns
 * `undefined` for anything else.
 */
export function normaliseResults(value: unknown): BenchResults | undefined {
  if (!isRecord(value) || typeof value.benchmark !== 'string') return undefined;
  if (Array.isArray(value.cases)) return value as unknown as BenchResults;
  const machine = isRecord(value.machine) ? value.machine : {};
  const cases: BenchCase[] = [];
  const facts: string[] = [];
  for (const [key, entry] of Object.entries(value)) {
    if (['benchmark', 'date', 'machine', 'node', 'chromium', 'description'].includes(key)) continue;
    if (isRecord(entry) && typeof entry.median === 'number') {
      const metrics: Record<string, MetricValue> = {};
      for (const [stat, number] of Object.entries(entry)) if (typeof number === 'number') metrics[`${stat}Ms`] = number;
      cases.push({ name: key, status: 'ok', metrics });
    } else if (['string', 'number', 'boolean'].includes(typeof entry)) facts.push(`${key}: ${String(entry)}`);
  }
  const text = (field: unknown, fallback: string): string => (typeof field === 'string' ? field : fallback);
  return {
    benchmark: value.benchmark,
    description: text(value.description, facts.join(', ')),
    machine: {
      cpu: text(machine.cpu, 'unknown'),
      cores: typeof machine.cores === 'number' ? machine.cores : 0,
      memory: text(machine.memory, 'unknown'),
      os: text(machine.os, 'unknown'),
    },
    node: text(value.node, 'unknown'),
    chromium: text(value.chromium, 'not used'),
    date: text(value.date, ''),
    cases,
  };
}

/** Reads every `*.json` results file in `dir`, sorted by benchmark name; skips files of another shape. */
export async function readAllResults(dir = RESULTS_DIR): Promise<BenchResults[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const all: BenchResults[] = [];
  for (const name of names) {
    const results = normaliseResults(JSON.parse(await readFile(join(dir, name), 'utf8')));
    if (results) all.push(results);
  }
  return all;
}

/** Prints a results set as a plain table on stdout, for the person running the benchmark. */
export function printResults(results: BenchResults): void {
  console.log(`\n${results.benchmark}: ${results.description}`);
  console.log(`${results.machine.cpu} (${results.machine.cores} cores), Node ${results.node}, ${results.chromium}`);
  console.log(results.date);
  console.table(
    results.cases.map((item) => ({
      case: item.name,
      ...(item.tool === undefined ? {} : { tool: item.tool }),
      status: item.status,
      ...item.metrics,
      ...(item.note === undefined ? {} : { note: item.note }),
    })),
  );
}
