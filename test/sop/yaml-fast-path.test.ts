/**
 * The js-yaml fast path of `parseYaml` must be invisible: for every example, fixture, edge case and
 * generated text it gives the same data, errors and positions as the `yaml` path it replaces.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseYaml, parseYamlFull, type YamlParseResult } from '../../src/sop/load-yaml.js';
import type { DataPath } from '../../src/sop/validate.js';
import { loadYamlFast, needsFullYamlParser } from '../../src/sop/yaml-fast-path.js';
import { FIXTURES, ROOT } from './fixture-helpers.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.sop\.(yaml|md)$/.test(name))
    .map((name) => join(dir, name));
}

/** The YAML part of a source: the whole file, or the front matter of a `*.sop.md`. */
function yamlOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.yaml')) return text;
  const lines = text.split('\n');
  const end = lines.indexOf('---', 1);
  return lines[0] === '---' && end > 0 ? lines.slice(1, end).join('\n') : '';
}

function assertSameResult(text: string, label: string): YamlParseResult {
  const fast = parseYaml(text, 'doc.sop.yaml');
  const full = parseYamlFull(text, 'doc.sop.yaml');
  assert.equal(fast.ok, full.ok, `${label}: ok differs`);
  if (fast.ok && full.ok) assert.deepStrictEqual(fast.data, full.data, `${label}: data differs`);
  if (!fast.ok && !full.ok) assert.deepStrictEqual(fast.errors, full.errors, `${label}: errors differ`);
  return fast;
}

/** Every path to a value in `data`, including the root. */
function pathsOf(data: unknown, path: DataPath = []): DataPath[] {
  const out: DataPath[] = [path];
  if (Array.isArray(data)) {
    for (const [index, item] of data.entries()) out.push(...pathsOf(item, [...path, index]));
  } else if (typeof data === 'object' && data !== null)
    for (const [key, value] of Object.entries(data)) out.push(...pathsOf(value, [...path, key]));
  return out;
}

const files = [...sourcesUnder(join(ROOT, 'examples')), ...sourcesUnder(FIXTURES)];

test('every example and fixture parses to the same data, errors and positions both ways', () => {
  assert.ok(files.length >= 20, `only ${files.length} sources found`);
  let fastCount = 0;
  for (const file of files) {
    const label = relative(ROOT, file);
    const text = yamlOf(file);
    const fast = assertSameResult(text, label);
    if (loadYamlFast(text)) fastCount++;
    const full = parseYamlFull(text, 'doc.sop.yaml');
    if (!fast.ok || !full.ok) continue;
    for (const path of pathsOf(full.data)) {
      for (const key of [false, true])
        assert.deepStrictEqual(fast.locate(path, key), full.locate(path, key), `${label}: ${path.join('.')}`);
    }
  }
  // The comparison only means something if the fast path actually ran on most of them.
  assert.ok(fastCount >= files.length / 2, `fast path used for only ${fastCount} of ${files.length}`);
});

test('the located line honours the front-matter line offset on the fast path', () => {
  const text = 'id: A\nsteps:\n  - text: x\n';
  const fast = parseYaml(text, undefined, 1);
  const full = parseYamlFull(text, undefined, 1);
  assert.ok(fast.ok && full.ok);
  assert.deepStrictEqual(fast.locate(['steps', 0, 'text']), { line: 4, column: 11 });
  assert.deepStrictEqual(fast.locate(['steps', 0, 'text']), full.locate(['steps', 0, 'text']));
  assert.equal(fast.locate(['missing']), undefined);
});

// Places where js-yaml and `yaml` could read the same text differently.
const EDGE_CASES: Record<string, string> = {
  empty: '',
  'only a comment': '# nothing\n',
  tilde: 'a: ~\nb:\nc: null\nd: NULL\n',
  'version-like numbers': 'version: 1.10\nv2: 1.0\nv3: 2.1.0\n',
  hex: 'a: 0x1F\nb: 0X1F\n',
  octal: 'a: 0o17\nb: 017\nc: 0o8\n',
  binary: 'a: 0b101\n',
  underscores: 'a: 1_000\nb: 1_0.5\n',
  'signed dot floats': 'a: -.5\nb: +.5\nc: 1.\nd: 1e3\ne: -1.5E-3\nf: 1e\n',
  infinity: 'a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\nf: -.nan\n',
  'negative zero': 'a: -0\nb: -0.0\n',
  'big integer': 'a: 12345678901234567890\n',
  'YAML 1.1 booleans': 'a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: True\ng: FALSE\n',
  dates: 'date: 2025-01-01\nwhen: 2025-01-01T10:00:00Z\n',
  'merge key without alias': '<<: {b: 1}\nc: 2\n',
  'merge key with alias': 'base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n',
  'multiple documents': 'a: 1\n---\nb: 2\n',
  'document markers': '---\na: 1\n...\n',
  BOM: '\uFEFFid: A\n',
  'YAML 1.1 directive': '%YAML 1.1\n---\na: yes\n',
  'non-string keys': 'true: 1\n1.50: 2\n0x10: 3\n.inf: 4\n',
  'null keys': '~: a\n',
  'empty key': ': a\n',
  'flow null key': '{null: a, b: c}\n',
  'explicit complex key': '? [a, b]\n: c\n',
  'flow collection key': '[a]: b\n',
  'duplicate keys': 'a: 1\na: 2\n',
  'number and string duplicate keys': '1: a\n"1": b\n',
  'proto key': '__proto__: 1\nb: 2\n',
  tags: 'a: !!str 123\nb: !!int "7"\nc: !custom x\nd: !!binary aGk=\n',
  'escapes in quotes': "a: \"\\/\\x41\\u263A\\U0001F600\\t\\N\"\nb: 'it''s'\n",
  'glued comment': 'a: "b"#c\n',
  'plain hash': 'a: b#c\nd: e # f\n',
  'block scalars': 'a: |\n  x\n\n  y\n\nb: >-\n  p\n  q\n\n  r\nc: |+\n  keep\n\nd: |2\n   indented\n',
  'folded plain scalar': 'text: one\n  two\n\n  three\n',
  'flow collections': 'a: [1, "2", {b: c}, [d]]\nb: {x: [y]}\n[a: b]: 1\n',
  'single pair in flow seq': '- [a: b, c]\n',
  'tab indentation': 'a:\n\tb: c\n',
  'tab after colon': 'a:\tb\n',
  'unclosed quote': 'a: "b\n',
  'alias bomb':
    'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n',
  'alias without anchor': 'a: *missing\n',
  'marker glued to text': '---a\n',
  'collection on the marker line': '--- - a\n',
  'marker with comment': '--- # c\na: 1\n',
  'tab-indented first line': '\ta\n',
  'indented first line, then less': '\n    - a\n  - b\n',
  'commented-out sequence item': 'items:\n  - role: A\n    duties:\n      - x\n      - # y\n  - role: B\n',
  'quoted scalar continued without indent': 'a:\n  b: "x\ny"\n',
  'single-quoted scalar continued': "a: 'x\n  y'\n",
  'flow sequence continued without indent': 'a:\n  b: [x,\n]\n',
  'keep-chomped block with blank tail': 'a: |+\n  x\n  \n ',
  'lone carriage returns': 'id: A\rtitle: B\r',
  'CRLF line ends': 'id: A\r\ntext: "long\r\n  folded"\r\n',
  'multi-line quotes, indented enough':
    "steps:\n  - text: \"one\n      two\n\n      three\"\n    note: 'a\n      ''b'''\n",
  'multi-line quote with escaped break': 'a: "x\\\n  y"\n',
  'block scalar with a more-indented empty first line': 'a: |\n    \n  x\n',
  'root block scalar with an indentation indicator': '|1-\n #\n',
  'flow null key without value': '{null}\n',
  'flow collection key at line end': '[]:\n    a\n',
  'markdown emphasis': 'text: transfer **1 mL** of *buffer* to `V-1`\nlist:\n  - "**bold** start"\n',
};

for (const [name, text] of Object.entries(EDGE_CASES)) {
  test(`edge case: ${name}`, () => {
    assertSameResult(text, name);
  });
}

test('markdown emphasis inside text still takes the fast path', () => {
  assert.ok(loadYamlFast(EDGE_CASES['markdown emphasis']!));
  assert.ok(loadYamlFast('text: Transfer **2 mL** of buffer.\nnote: Danger! Hot.\n'));
});

test('anchors, aliases, tags and directives always take the yaml path', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    '- &x a\n- *x\n',
    '{a: *x}',
    'a: !!str 1',
    '%YAML 1.2\n---\na: 1',
    '? a\n: b',
  ])
    assert.equal(needsFullYamlParser(text), true, text);
  const bomb = parseYaml(EDGE_CASES['alias bomb']!, 'bomb.sop.yaml');
  assert.equal(bomb.ok, false);
  assert.match(bomb.ok ? '' : bomb.errors[0]!.message, /alias/i);
});

// Pieces that stress the tokenizer: indicators, quotes, scalar forms, indentation and comments.
const piece = fc.constantFrom(
  'a',
  'key',
  'id',
  ':',
  ': ',
  '- ',
  '\n',
  '\r\n',
  '\r',
  '\n  ',
  '\n   ',
  '\n    ',
  '\t',
  ' ',
  '#',
  ' # c',
  '"',
  "'",
  '"q"',
  "'s'",
  '[',
  ']',
  '{',
  '}',
  ', ',
  '?',
  '? ',
  '|',
  '>-',
  '|+',
  '&a ',
  '*a',
  '!!str ',
  '!t ',
  '%',
  '---',
  '...',
  '~',
  'null',
  'true',
  'yes',
  '1.10',
  '0x1F',
  '0o17',
  '0b1',
  '1_0',
  '-.5',
  '.inf',
  '-0',
  '1e3',
  '2025-01-01',
  '<<',
  '**b**',
  '\\',
  '\\n',
  '@',
  '`',
  '\uFEFF',
  '\u00A0',
  '\u0085',
  '\u2028',
  'é',
);

test('property: generated YAML-like text gives the same result both ways', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      assertSameResult(pieces.join(''), JSON.stringify(pieces.join('')));
    }),
    { numRuns: 4000 },
  );
});

const examples = files.filter((file) => file.endsWith('.yaml')).map((file) => readFileSync(file, 'utf8'));

test('property: examples with random edits give the same result both ways', () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.array(piece, { maxLength: 3 }) });
  fc.assert(
    fc.property(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 3 }), (base, edits) => {
      let text = base;
      for (const { at, remove, insert } of edits) {
        const index = at % (text.length + 1);
        text = text.slice(0, index) + insert.join('') + text.slice(index + remove);
      }
      assertSameResult(text, JSON.stringify(edits));
    }),
    { numRuns: 1500 },
  );
});

test('property: stringified data, in several styles, gives the same result both ways', () => {
  const styles = fc.record({
    indent: fc.integer({ min: 1, max: 4 }),
    flow: fc.boolean(),
    defaultStringType: fc.constantFrom(
      'PLAIN' as const,
      'QUOTE_DOUBLE' as const,
      'QUOTE_SINGLE' as const,
      'BLOCK_LITERAL' as const,
      'BLOCK_FOLDED' as const,
    ),
    lineWidth: fc.constantFrom(0, 20, 80),
  });
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 4 }), styles, (value, { flow, ...options }) => {
      const text = stringify(value, { ...options, collectionStyle: flow ? 'flow' : 'any' });
      assertSameResult(text, JSON.stringify(text));
    }),
    { numRuns: 500 },
  );
});
