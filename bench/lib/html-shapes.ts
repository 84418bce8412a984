/**
 * Synthetic pages shaped like the HTML other tools and apps generate, at a chosen size: no keys at
 * all; keys only on list items (the edits land in unkeyed paragraphs between the lists); and many
 * small keyed items. Each has paragraphs, code and lists, so all five edit kinds apply.
 */

/** The synthetic shapes. */
export const SHAPES = ['no keys', 'keys on list items only', 'small keyed items'] as const;

/** One of {@link SHAPES}. */
export type Shape = (typeof SHAPES)[number];

const TEXT =
  'Verify the instrument calibration against the reference standard and record the reading, the ' +
  'operator initials and the time in the batch record before continuing. ';

const page = (body: string[]): string =>
  [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Generated page</title>',
    '<style>body{font:16px/1.5 sans-serif;margin:0 auto;max-width:48rem}</style>',
    '</head><body><main>',
    ...body,
    '</main></body></html>',
    '',
  ].join('\n');

/** One section of the first two shapes; `keyed` puts keys on its list items only. */
function section(i: number, keyed: boolean): string {
  const key = (j: number) => (keyed ? ` data-block="li-${i}-${j}"` : '');
  return (
    `<h2 id="s${i}">Operation ${i}</h2><p>${TEXT}Section ${i}.</p>` +
    `<ul>${[0, 1, 2].map((j) => `<li${key(j)}>Check ${j} of operation ${i}</li>`).join('')}</ul>` +
    (i % 5 === 0 ? `<pre><code>reading_${i} = measure(probe, ${i})\nrecord(reading_${i})</code></pre>` : '') +
    `<p>${TEXT}</p>`
  );
}

/** Bytes one section takes on average, to size a page without building it twice. */
const SECTION_BYTES = 570;
/** Bytes one small keyed item takes. */
const ITEM_BYTES = 140;

/**
 * A page of `shape` of about `bytes` bytes. `small keyed items` is one list of items of about
 * 140 bytes (7,000 of them at 1 MB), with a paragraph and a code block before it.
 */
export function shapedPage(shape: Shape, bytes: number): string {
  if (shape === 'small keyed items') {
    const count = Math.max(10, Math.round(bytes / ITEM_BYTES));
    const items: string[] = [];
    for (let i = 0; i < count; i += 1) {
      items.push(
        `<li data-block="i${i}">Item ${i}: record the reading of probe ${i % 97} here, then initial the sheet and file it in the batch record.</li>`,
      );
    }
    return page([
      `<p data-block="intro">${TEXT}</p>`,
      '<pre data-block="code"><code>for probe in probes:\n    record(measure(probe))</code></pre>',
      `<ul data-block="items">${items.join('\n')}</ul>`,
    ]);
  }
  const count = Math.max(10, Math.round(bytes / SECTION_BYTES));
  const sections: string[] = [];
  for (let i = 0; i < count; i += 1) sections.push(section(i, shape === 'keys on list items only'));
  return page(sections);
}
