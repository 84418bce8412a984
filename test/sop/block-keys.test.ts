/**
 * Block keys are position-independent: inserting a step changes no other step's key (acceptance 4),
 * keys are unique, and every block has a matching `id` anchor.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { SopDocument, SopStep } from '../../src/sop/model.js';
import { renderFile } from '../../src/sop/render-file.js';
import { renderSop } from '../../src/sop/render-sop.js';
import { ROOT } from './fixture-helpers.js';

function doc(steps: SopStep[]): SopDocument {
  return {
    id: 'SOP-K-1',
    title: 'Keys',
    version: '1',
    status: 'draft',
    modules: [
      { type: 'purpose', text: 'Keys.' },
      { type: 'procedure', steps },
    ],
  };
}

/** Step text → its key, in document order. */
function stepKeys(html: string): Map<string, string> {
  const keys = new Map<string, string>();
  for (const m of html.matchAll(
    /<li class="sop-step[^"]*" data-block="([^"]+)" id="sop-\1"><div class="sop-step-head">(?:<input[^>]*>)?<span class="sop-step-text">([^<]*)</g,
  )) {
    keys.set(m[2]!, m[1]!);
  }
  return keys;
}

const base: SopStep[] = [
  { text: 'Weigh the sample.' },
  { text: 'Dissolve in water.', steps: [{ text: 'Stir for 5 minutes.' }, { text: 'Check it is clear.' }] },
  { id: 'measure', text: 'Measure the absorbance.' },
  { text: 'Record the result.' },
];

test('inserting a step anywhere leaves every other step key unchanged', () => {
  const before = stepKeys(renderSop(doc(base)).html);
  assert.equal(before.size, 6);
  const inserted = { text: 'Calibrate the balance.' };
  const variants: SopStep[][] = [
    [inserted, ...base],
    [base[0]!, inserted, ...base.slice(1)],
    [...base, inserted],
    [base[0]!, { ...base[1]!, steps: [inserted, ...base[1]!.steps!] }, ...base.slice(2)],
  ];
  for (const steps of variants) {
    const after = stepKeys(renderSop(doc(steps)).html);
    assert.equal(after.size, before.size + 1);
    for (const [text, key] of before) assert.equal(after.get(text), key, `key of "${text}" changed`);
    assert.ok(![...before.values()].includes(after.get(inserted.text)!));
  }
});

test('property: inserting a new step at any position keeps all other keys', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(
        fc.string({ minLength: 1, maxLength: 12 }).filter((s) => /^[a-z ]+$/.test(s) && s.trim() === s),
        {
          minLength: 1,
          maxLength: 12,
        },
      ),
      fc.nat(),
      fc.string({ minLength: 1, maxLength: 12 }),
      (texts, at, extra) => {
        const newText = `new ${extra.replace(/[^a-z]/g, 'x')}`;
        fc.pre(!texts.includes(newText));
        const steps = texts.map((text) => ({ text }));
        const before = stepKeys(renderSop(doc(steps)).html);
        const index = at % (steps.length + 1);
        const after = stepKeys(
          renderSop(doc([...steps.slice(0, index), { text: newText }, ...steps.slice(index)])).html,
        );
        for (const [text, key] of before) assert.equal(after.get(text), key);
      },
    ),
    { numRuns: 100 },
  );
});

test('an explicit id keeps the key when the text is edited; identical texts get distinct keys', () => {
  const one = stepKeys(renderSop(doc([{ id: 'mix', text: 'Mix.' }, { text: 'Same.' }, { text: 'Other.' }])).html);
  const two = stepKeys(renderSop(doc([{ id: 'mix', text: 'Mix well.' }, { text: 'Same.' }, { text: 'Other.' }])).html);
  assert.equal(one.get('Mix.'), 'step-mix');
  assert.equal(two.get('Mix well.'), 'step-mix');
  const html = renderSop(doc([{ text: 'Same.' }, { text: 'Same.' }])).html;
  const keys = [...html.matchAll(/<li class="sop-step[^"]*" data-block="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(keys.length, 2);
  assert.notEqual(keys[0], keys[1]);
  assert.equal(keys[1], `${keys[0]}-2`);
});

test('every block key in a real document is unique and has an id anchor', async () => {
  const result = await renderFile(join(ROOT, 'examples', 'lab', 'ph-meter-calibration.sop.yaml'));
  assert.ok(result.ok);
  const blocks = [...result.html.matchAll(/data-block="([^"]+)"( id="([^"]+)")?/g)];
  const keys = blocks.map((m) => m[1]!);
  assert.ok(keys.length > 20);
  assert.equal(new Set(keys).size, keys.length, 'duplicate keys');
  for (const m of blocks) assert.equal(m[3], `sop-${m[1]}`);
  for (const module of ['meta', 'toc', 'purpose', 'procedure', 'revision-history', 'section-troubleshooting']) {
    assert.ok(keys.includes(module), module);
  }
});
