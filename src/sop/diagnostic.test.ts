import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeFrame, formatDiagnostic } from './diagnostic.js';
import { closest, didYouMean } from './did-you-mean.js';

test('codeFrame marks the line and puts the caret under the column', () => {
  const source = 'a: 1\nb: 2\nc: three\nd: 4\ne: 5\nf: 6';
  assert.equal(
    codeFrame(source, { line: 3, column: 4 }),
    ['  1 | a: 1', '  2 | b: 2', '> 3 | c: three', '    |    ^', '  4 | d: 4', '  5 | e: 5'].join('\n'),
  );
  // Near the start and past the end, the frame clamps instead of failing.
  assert.match(codeFrame(source, { line: 1, column: 1 }), /^> 1 \| a: 1\n {4}\| \^/);
  assert.match(codeFrame('x', { line: 9, column: 1 }), /^> 1 \| x/);
});

test('formatDiagnostic gives file:line:col, severity, message and code, then the frame', () => {
  const text = formatDiagnostic({
    code: 'SOP_ERR_SCHEMA',
    severity: 'error',
    message: 'title: missing',
    file: 'a.sop.yaml',
    line: 2,
    column: 5,
    frame: '> 2 | x',
  });
  assert.equal(text, 'a.sop.yaml:2:5  error: title: missing [SOP_ERR_SCHEMA]\n> 2 | x');
  assert.equal(
    formatDiagnostic({ code: 'SOP_ERR_READ', severity: 'error', message: 'gone' }),
    '<input>  error: gone [SOP_ERR_READ]',
  );
});

test('did-you-mean suggests close words only', () => {
  assert.equal(closest('procedur', ['purpose', 'procedure']), 'procedure');
  assert.equal(closest('Ownr', ['owner', 'title']), 'owner');
  assert.equal(closest('zzz', ['owner', 'title']), undefined);
  assert.equal(didYouMean('tittle', ['title']), ' (did you mean "title"?)');
  assert.equal(didYouMean('x', ['title']), '');
});
