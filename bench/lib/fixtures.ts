/**
 * Documents the benchmarks edit: keyed HTML of a given size and a many-step SOP. Every edit
 * writes a new `BENCHMARK-EDIT-<n>` marker, the text the page-side probe looks for.
 */

/** Prefix of the edit marker the DOM probe searches for; must match `dom-probe.ts`. */
export const MARKER_PREFIX = 'BENCHMARK-EDIT-';

/** The marker of edit `n`. */
export function marker(n: number): string {
  return `${MARKER_PREFIX}${n}`;
}

/** How an HTML fixture is built. */
export interface HtmlFixtureOptions {
  /** Approximate size of the document in bytes. */
  bytes: number;
  /** Edit number whose marker the target paragraph carries. */
  edit: number;
  /**
   * Revision of every other section's text. Changing it rewrites about half the document: the
   * "large edit" of the wire-size benchmark.
   */
  revision?: number;
}

const SECTION_TEXT =
  'Verify the instrument calibration against the reference standard and record the reading, the ' +
  'operator initials and the time in the batch record before continuing with the next operation. ';

/** Bytes one section takes, used to size a document without building it twice. */
const SECTION_BYTES = 470;

/**
 * A keyed HTML document of about `bytes` bytes: sections with `data-block` keys, one of them at
 * 90 % of the page holding the marker, so an edit lands below a reader scrolled to the middle.
 */
export function htmlFixture({ bytes, edit, revision = 0 }: HtmlFixtureOptions): string {
  const count = Math.max(10, Math.round(bytes / SECTION_BYTES));
  const target = Math.floor(count * 0.9);
  const sections: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const rev = i % 2 === 0 ? ` (revision ${revision})` : '';
    const body =
      i === target
        ? `<p class="bench-target">${marker(edit)}</p>`
        : `<p>${SECTION_TEXT}Section ${i}${rev}.</p><p>${SECTION_TEXT}</p>`;
    sections.push(`<section data-block="s${i}" id="s${i}"><h2>Operation ${i}</h2>${body}</section>`);
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Benchmark document</title>',
    '<style>body{font:16px/1.5 sans-serif;margin:0 auto;max-width:48rem}section{padding:.5rem 0}</style>',
    '</head><body><main>',
    ...sections,
    '</main></body></html>',
    '',
  ].join('\n');
}

/**
 * A `*.sop.yaml` source with `steps` procedure steps; step 90 % of the way down carries the
 * marker of edit `edit`.
 */
export function sopFixture(steps: number, edit: number): string {
  const target = Math.floor(steps * 0.9);
  const lines = [
    'id: SOP-BENCH-001',
    'title: Benchmark procedure',
    "version: '1.0'",
    'status: draft',
    'modules:',
    '  - type: purpose',
    '    text: A long procedure used to measure preview latency.',
    '  - type: procedure',
    '    steps:',
  ];
  for (let i = 0; i < steps; i += 1) {
    const text = i === target ? marker(edit) : `Check reading ${i} against the reference and record it`;
    lines.push(`      - text: "${text}"`);
  }
  return `${lines.join('\n')}\n`;
}
