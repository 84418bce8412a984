import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ServedText } from './served-text.js';

test('a served text edited many times reads like the string edited the same way', () => {
  const edit = fc.record({ at: fc.nat(), cut: fc.nat(40), text: fc.string({ maxLength: 30 }) });
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }),
      fc.array(edit, { maxLength: 60 }),
      fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
      (start, edits, [a = 0, b = 0]) => {
        let expected = start;
        let served = ServedText.of(start);
        for (const { at, cut, text } of edits) {
          const from = at % (expected.length + 1);
          const to = Math.min(expected.length, from + cut);
          expected = expected.slice(0, from) + text + expected.slice(to);
          served = served.splice(from, to, text);
          assert.equal(served.length, expected.length);
          const x = a % (expected.length + 1);
          const y = b % (expected.length + 1);
          assert.equal(served.slice(Math.min(x, y), Math.max(x, y)), expected.slice(Math.min(x, y), Math.max(x, y)));
        }
        assert.equal(served.toString(), expected);
      },
    ),
    { numRuns: 2000 },
  );
});
