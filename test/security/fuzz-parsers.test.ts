/**
 * Property-based fuzzing (fast-check) of what reads untrusted text: the client message parser and
 * the SOP loaders (YAML and Markdown), fed generated text, generated structures and mutations of
 * the example documents. Never an exception; always a result or errors with a line and column.
 * A document that loads must also render without throwing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { PROTOCOL_VERSION, parseClientMessage } from '../../src/shared/protocol.js';
import { loadSopText, type SopFormat, type SopLoadResult } from '../../src/sop/load-sop.js';
import { renderSop } from '../../src/sop/render-sop.js';
import { ROOT } from '../cli/spawn-cli.js';

const RUNS = 150;

const example = (path: string): string => readFileSync(join(ROOT, 'examples', path), 'utf8');
const EXAMPLES: [SopFormat, string, string][] = [
  ['yaml', 'lab/ph-meter-calibration.sop.yaml', example('lab/ph-meter-calibration.sop.yaml')],
  ['yaml', 'it/database-failover.sop.yaml', example('it/database-failover.sop.yaml')],
  ['markdown', 'lab/ph-meter-calibration.sop.md', example('lab/ph-meter-calibration.sop.md')],
  ['markdown', 'manufacturing/line-clearance.sop.md', example('manufacturing/line-clearance.sop.md')],
];

/** Characters that matter to YAML, Markdown and HTML, so mutations hit the interesting paths. */
const SYNTAX = fc.constantFrom(
  ...[':', '-', ' ', '  ', '\n', '\t', '#', '>', '|', '[', ']', '{', '}', '&a', '*a', '!!', '---', '...', '"', "'"],
  ...['1.', '**', '`', '<script>', '</p>', '\r\n', '\u2028', '\uFEFF', '\0', '%', '?', ',', 'ü', '😀'],
);

/** One edit: at a relative position, delete some characters and insert some syntax. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.array(fc.oneof(SYNTAX, fc.string({ maxLength: 6 })), { maxLength: 4 }).map((parts) => parts.join('')),
});

function mutate(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const { at, remove, insert } of edits) {
    const index = Math.floor(at * out.length);
    out = out.slice(0, index) + insert + out.slice(index + remove);
  }
  return out;
}

/**
 * The loader contract: no throw, and every error is located inside the text (1-based; a column
 * may point one past the end of its line, where something is missing).
 */
function assertLocated(result: SopLoadResult, text: string, what: string): void {
  if (result.ok) {
    // A document that loads must render too.
    renderSop(result.document, { embedMedia: false });
    return;
  }
  assert.ok(result.errors.length > 0, `${what}: a failed load names at least one error`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const error of result.errors) {
    assert.equal(typeof error.code, 'string', `${what}: code`);
    assert.ok(error.message.length > 0, `${what}: message`);
    const { line, column } = error;
    assert.ok(
      Number.isInteger(line) && Number.isInteger(column),
      `${what}: ${error.code} "${error.message}" has no line:column`,
    );
    assert.ok((line ?? 0) >= 1 && (line ?? 0) <= lines.length + 1, `${what}: line ${line} of ${lines.length}`);
    assert.ok((column ?? 0) >= 1, `${what}: column ${column}`);
  }
}

function load(text: string, format: SopFormat): SopLoadResult {
  return loadSopText({ text, format, file: format === 'yaml' ? 'fuzz.sop.yaml' : 'fuzz.sop.md' });
}

/** Objects shaped almost like client messages, each field any JSON value: the validation paths. */
const nearMessage = fc
  .record({
    type: fc.constantFrom('hello', 'applied', 'update'),
    protocol: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.jsonValue()),
    doc: fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue()),
    lastVersion: fc.oneof(fc.nat(), fc.double(), fc.jsonValue()),
    version: fc.oneof(fc.nat(), fc.double(), fc.jsonValue()),
    ms: fc.oneof(fc.nat(), fc.double(), fc.jsonValue()),
  })
  .map((value) => JSON.stringify(value));

describe('fuzzing the client message parser', () => {
  it('never throws and returns only well-formed messages for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
          nearMessage,
        ),
        (text) => {
          const message = parseClientMessage(text);
          if (message === undefined) return;
          if (message.type === 'hello') {
            assert.equal(message.protocol, PROTOCOL_VERSION);
            assert.equal(typeof message.doc, 'string');
            assert.ok(Number.isSafeInteger(message.lastVersion) && message.lastVersion >= 0);
          } else {
            assert.equal(message.type, 'applied');
            assert.ok(Number.isSafeInteger(message.version) && message.version >= 0);
            assert.ok(Number.isFinite(message.ms) && message.ms >= 0);
          }
        },
      ),
      { numRuns: RUNS * 4 },
    );
  });

  it('accepts every well-formed message it is given, with exactly the fields it knows', () => {
    const hello = fc.record({
      type: fc.constant('hello' as const),
      protocol: fc.constant(PROTOCOL_VERSION),
      doc: fc.string({ maxLength: 256 }),
      lastVersion: fc.maxSafeNat(),
    });
    const applied = fc.record({
      type: fc.constant('applied' as const),
      version: fc.maxSafeNat(),
      ms: fc.double({ min: 0, max: 3_600_000, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.oneof(hello, applied),
        fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
        (message, extra) => {
          const parsed = parseClientMessage(JSON.stringify({ ...extra, ...message }));
          // JSON has no -0, and fast-check records have no prototype: compare plain copies.
          assert.deepEqual(parsed, message.type === 'applied' ? { ...message, ms: message.ms + 0 } : { ...message });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('fuzzing the SOP loaders', () => {
  for (const format of ['yaml', 'markdown'] as const) {
    it(`${format}: arbitrary text never throws and fails with located errors`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
          assertLocated(load(text, format), text, JSON.stringify(text));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('yaml: generated structures (any shape, also near the SOP schema) load or fail located', () => {
    const sopish = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        title: fc.oneof(fc.string(), fc.array(fc.string())),
        version: fc.oneof(fc.string(), fc.double()),
        status: fc.oneof(fc.constantFrom('draft', 'in-review', 'approved', 'obsolete'), fc.string()),
        modules: fc.array(
          fc.record(
            {
              type: fc.constantFrom('purpose', 'scope', 'procedure', 'safety', 'definitions', 'markdown', 'nope'),
              text: fc.oneof(fc.string(), fc.array(fc.string())),
              steps: fc.array(fc.oneof(fc.string(), fc.record({ text: fc.anything(), steps: fc.array(fc.string()) }))),
              items: fc.array(fc.anything({ maxDepth: 2 })),
            },
            { requiredKeys: ['type'] },
          ),
          { maxLength: 4 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(sopish, fc.anything({ maxDepth: 3 })), (value) => {
        let text: string | undefined;
        try {
          text = stringify(value);
        } catch {
          return;
        }
        if (typeof text !== 'string') return;
        assertLocated(load(text, 'yaml'), text, text.slice(0, 200));
      }),
      { numRuns: RUNS },
    );
  });

  for (const [format, name, text] of EXAMPLES) {
    it(`${name}: random edits never throw and fail with located errors`, () => {
      assert.ok(load(text, format).ok, 'the unmutated example loads');
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
          const mutated = mutate(text, edits);
          assertLocated(load(mutated, format), mutated, JSON.stringify(edits));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('yaml: an alias bomb (billion laughs) fails fast with a located error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i += 1) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    // The expansion feeds a field the validator walks, so an unlimited expansion would hang it.
    const bomb = `id: X\ntitle: T\nversion: "1"\nstatus: draft\n${lines.join('\n')}\nmodules: *i\n`;
    const started = Date.now();
    const result = load(bomb, 'yaml');
    assert.ok(Date.now() - started < 2000, 'no exponential expansion');
    assert.equal(result.ok, false);
    assertLocated(result, bomb, 'alias bomb');
  });
});
