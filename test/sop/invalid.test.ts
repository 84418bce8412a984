/**
 * Malformed documents: each `fixtures/invalid/<name>.sop.(yaml|md)` has a sidecar
 * `<name>.expected.json` with the code, severity, a message fragment, line and column of the first
 * diagnostic. Loading never throws, whatever the input.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatDiagnostic, type SopDiagnostic } from '../../src/sop/diagnostic.js';
import { loadSop, loadSopText } from '../../src/sop/load-sop.js';
import { renderFile } from '../../src/sop/render-file.js';
import { renderSop } from '../../src/sop/render-sop.js';
import { FIXTURES, ROOT } from './fixture-helpers.js';

interface Expected {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

const dir = join(FIXTURES, 'invalid');
const names = readdirSync(dir).filter((name) => /\.sop\.(yaml|md)$/.test(name));

test('there are at least 12 malformed-document fixtures', () => {
  assert.ok(names.length >= 12, `only ${names.length}`);
});

for (const name of names) {
  test(`invalid fixture ${name}`, async () => {
    const expected = JSON.parse(
      readFileSync(join(dir, name.replace(/\.sop\.(yaml|md)$/, '.expected.json')), 'utf8'),
    ) as Expected;
    const file = join(dir, name);
    const loaded = await loadSop(file);
    let diagnostic: SopDiagnostic | undefined;
    if (loaded.ok) {
      const rendered = renderSop(loaded.document);
      diagnostic = [...loaded.warnings, ...rendered.warnings][0];
      if (diagnostic?.code === 'SOP_WARN_MISSING_MEDIA') {
        assert.match(rendered.html, /class="sop-missing-media"[^>]*>Image not available: media\/does-not-exist\.png/);
      }
    } else {
      diagnostic = loaded.errors[0];
      // The preview shows errors[0] from renderFile: the same diagnostic.
      const viaRenderFile = await renderFile(file);
      assert.ok(!viaRenderFile.ok);
      assert.deepEqual(viaRenderFile.errors[0], diagnostic);
    }
    assert.ok(diagnostic, 'expected a diagnostic');
    assert.equal(diagnostic.code, expected.code);
    assert.equal(diagnostic.severity, expected.severity);
    assert.ok(diagnostic.message.includes(expected.message), `message: ${diagnostic.message}`);
    assert.equal(diagnostic.line, expected.line, 'line');
    assert.equal(diagnostic.column, expected.column, 'column');
    assert.equal(diagnostic.file, file);
    // The frame marks the line and puts a caret under the column.
    const frameLines = diagnostic.frame?.split('\n') ?? [];
    const marked = frameLines.findIndex((line) => line.startsWith('>'));
    assert.ok(marked >= 0, 'frame marks a line');
    assert.match(frameLines[marked]!, new RegExp(`^>\\s*${expected.line} \\|`));
    const caret = frameLines[marked + 1]!;
    const gutter = caret.indexOf('|') + 2;
    assert.equal(caret.indexOf('^') - gutter + 1, expected.column, 'caret column');
    assert.ok(formatDiagnostic(diagnostic).startsWith(`${file}:${expected.line}:${expected.column}  `));
  });
}

test('arbitrary text never makes the loaders throw', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('yaml' as const, 'markdown' as const),
      // Reach past the front matter and into the procedure parser, not only the YAML parser.
      fc.constantFrom('', '---\n', '---\nid: A\ntitle: T\nversion: "1"\nstatus: draft\n---\n## Procedure\n\n1. '),
      (body, format, prefix) => {
        const text = prefix + body;
        const result = loadSopText({ text, format, file: `fuzz.sop.${format === 'yaml' ? 'yaml' : 'md'}` });
        if (!result.ok) {
          assert.ok(result.errors.length > 0);
          for (const error of result.errors) assert.ok(error.line === undefined || error.line >= 1);
        }
      },
    ),
    { numRuns: 600 },
  );
});

test('every truncation of the examples gives a result or located errors, never an exception', () => {
  for (const example of ['lab/ph-meter-calibration.sop.yaml', 'lab/ph-meter-calibration.sop.md']) {
    const text = readFileSync(join(ROOT, 'examples', example), 'utf8');
    for (let cut = 0; cut < text.length; cut += 37) {
      const result = loadSopText({ text: text.slice(0, cut), file: example });
      if (!result.ok) {
        const lines = text.slice(0, cut).split('\n').length;
        for (const error of result.errors)
          assert.ok((error.line ?? 1) <= lines + 1, `${example}@${cut}: ${error.message}`);
      }
    }
  }
});
