/**
 * The module table is the one place a module type is defined; these tests fail when a type lacks
 * any of the pieces the compiler cannot demand: a fixture, or (should a cast ever hide one) a
 * renderer or a Markdown reader. They also check that the Markdown headings reach every type.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMarkdownSop } from '../../src/sop/load-markdown.js';
import { MODULE_READERS } from '../../src/sop/markdown/registry.js';
import { MODULE_RENDERERS } from '../../src/sop/render/registry.js';
import { DEFAULT_TITLES, MODULE_TYPES, MODULES, moduleSchema } from '../../src/sop/schema/modules.js';
import { FIXTURES } from './fixture-helpers.js';

const sorted = (values: Iterable<string>) => [...values].sort();

test('each entry declares the type it is filed under, and the schema routes that type to it', () => {
  for (const [key, entry] of Object.entries(MODULES)) {
    assert.equal(entry.schema.shape.type.value, key, `MODULES.${key} declares another type`);
    // A module with no fields must fail on its own type's fields; an unknown or duplicated
    // discriminator fails on `type` (or throws).
    const result = moduleSchema.safeParse({ type: key });
    assert.ok(!result.success, `an empty ${key} module passed`);
    const paths = result.error.issues.map((issue) => issue.path.join('.'));
    assert.ok(paths.length > 0 && !paths.includes('type'), `${key}: ${paths.join(', ')}`);
  }
  // Editors, the JSON Schema and error messages list the types in MODULE_TYPES order: the table's.
  assert.deepEqual(MODULE_TYPES, Object.keys(MODULES));
});

test('every module type has a renderer and nothing else does', () => {
  assert.deepEqual(sorted(Object.keys(MODULE_RENDERERS)), sorted(MODULE_TYPES));
  for (const type of MODULE_TYPES) assert.equal(typeof MODULE_RENDERERS[type], 'function', `renderer of ${type}`);
});

test('every module type has a Markdown reader and nothing else does', () => {
  assert.deepEqual(sorted(Object.keys(MODULE_READERS)), sorted(MODULE_TYPES));
  for (const type of MODULE_TYPES) assert.equal(typeof MODULE_READERS[type], 'function', `reader of ${type}`);
});

test('every module type has a fixture that uses it', () => {
  for (const type of MODULE_TYPES) {
    const file = join(FIXTURES, `${type}.sop.yaml`);
    assert.ok(existsSync(file), `missing fixture for module type ${type}`);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`type: ${type}\\n`), `fixture ${type}.sop.yaml`);
  }
});

test('a "##" heading with the default title of a type starts a module of that type', () => {
  const markdown = [
    '---',
    'id: SOP-T-1',
    '---',
    ...MODULE_TYPES.map((type) => `## ${type === 'section' ? 'Anything Else' : DEFAULT_TITLES[type]}\n`),
  ].join('\n');
  const parsed = parseMarkdownSop(markdown, undefined);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  const modules = (parsed.data as { modules: { type: string; title?: string }[] }).modules;
  assert.deepEqual(
    modules.map((module) => module.type),
    MODULE_TYPES,
  );
  // Only the free section keeps its heading as a title; the others show their default.
  assert.deepEqual(
    modules.filter((module) => module.title !== undefined).map((module) => module.title),
    ['Anything Else'],
  );
});
