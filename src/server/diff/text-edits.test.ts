import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { EditedUpTo, editsBetween, type TextEdit } from './text-edits.js';

/** `oldText` with `edits` applied, each taking its new text from `newText`; checks they are in order and apart. */
function replay(oldText: string, newText: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  let shift = 0;
  for (const edit of edits) {
    assert.ok(edit.from >= at && edit.oldTo >= edit.from, `edits in order: ${JSON.stringify(edits)}`);
    assert.ok(at === 0 || edit.from > at, `edits apart: ${JSON.stringify(edits)}`);
    out += oldText.slice(at, edit.from) + newText.slice(edit.from + shift, edit.oldTo + shift + edit.delta);
    at = edit.oldTo;
    shift += edit.delta;
  }
  return out + oldText.slice(at);
}

/** Markup-like text with long repeated stretches, as pages have. */
const page = fc
  .array(fc.constantFrom('<p>Record the reading.</p>\n', '<li>Check</li>', 'ab', 'x', '<div>', '</div>'), {
    maxLength: 400,
  })
  .map((parts) => parts.join(''));

test('the edits between two texts rebuild the new text from the old, in order and apart', () => {
  const change = fc.record({ at: fc.nat(), cut: fc.nat(300), text: fc.string({ maxLength: 40 }) });
  fc.assert(
    fc.property(page, fc.array(change, { maxLength: 5 }), (oldText, changes) => {
      let newText = oldText;
      for (const { at, cut, text } of changes) {
        const from = at % (newText.length + 1);
        newText = newText.slice(0, from) + text + newText.slice(Math.min(newText.length, from + cut));
      }
      const edits = editsBetween(oldText, newText);
      assert.equal(edits.length === 0, oldText === newText);
      assert.equal(replay(oldText, newText, edits), newText);
      // A version between them, with the edits up to each one applied, reads like that string.
      let shift = 0;
      for (const edit of edits) {
        shift += edit.delta;
        const cut = edit.oldTo + shift;
        const between = newText.slice(0, cut) + oldText.slice(edit.oldTo);
        const view = new EditedUpTo(oldText, newText, cut, shift);
        for (const [from, to] of [
          [0, between.length],
          [Math.max(0, cut - 3), Math.min(between.length, cut + 3)],
          [cut, between.length],
        ] as const) {
          assert.equal(view.slice(from, to), between.slice(from, to));
        }
      }
    }),
    { numRuns: 2000 },
  );
});

test('two changes far apart in a large text are two small edits, however repetitive the text between', () => {
  const items = Array.from({ length: 7000 }, (_, i) => `<li>Item ${i % 97}: record the reading here.</li>\n`).join('');
  const oldText = `<header>Revision 1</header>\n${items}<footer>end</footer>`;
  const newText = `<header>Revision 2</header>\n${items.slice(0, -2000)}<li>new</li>${items.slice(-2000)}<footer>end</footer>`;
  const edits = editsBetween(oldText, newText);
  assert.equal(edits.length, 2, JSON.stringify(edits));
  assert.equal(replay(oldText, newText, edits), newText);
  for (const edit of edits) assert.ok(edit.oldTo - edit.from + Math.abs(edit.delta) < 100, JSON.stringify(edit));
});
