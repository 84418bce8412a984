/**
 * The generated JSON Schema: it accepts the bundled examples and fixtures, rejects the malformed
 * fixtures that break a structural rule, and names the same module types, keys and word lists as
 * the module table. Validation goes through zod's own JSON Schema reader, which sees nothing but
 * the generated JSON.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { sopJsonSchema } from '../../src/sop/json-schema.js';
import { parseMarkdownSop } from '../../src/sop/load-markdown.js';
import { DEFAULT_TITLES, MODULE_TYPES, MODULES } from '../../src/sop/schema/modules.js';
import { CALLOUT_LEVELS, SOP_STATUSES } from '../../src/sop/schema/vocabulary.js';
import { FIXTURES, ROOT } from './fixture-helpers.js';

interface JsonSchema {
  type?: string;
  const?: string;
  enum?: string[];
  enumDescriptions?: string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  required?: string[];
  additionalProperties?: boolean;
}

const schema = sopJsonSchema() as JsonSchema;
const validator = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
const EXAMPLES = ['lab/ph-meter-calibration', 'manufacturing/line-clearance', 'it/database-failover'];

/** The data a `*.sop.md` hands to validation, which must fit the same schema. */
function markdownData(file: string): unknown {
  const parsed = parseMarkdownSop(readFileSync(file, 'utf8'), file);
  assert.ok(parsed.ok, `${file} does not parse`);
  return parsed.data;
}

function assertValid(data: unknown, name: string): void {
  const result = validator.safeParse(data);
  assert.ok(result.success, `${name}: ${JSON.stringify(!result.success && result.error.issues.slice(0, 3))}`);
}

/** Every schema node below `node`, depth first. */
function* walk(node: JsonSchema): Generator<JsonSchema> {
  yield node;
  for (const child of [
    ...Object.values(node.properties ?? {}),
    ...(node.items ? [node.items] : []),
    ...(node.oneOf ?? []),
    ...(node.anyOf ?? []),
  ]) {
    yield* walk(child);
  }
}

const variants = () => schema.properties?.modules?.items?.oneOf ?? [];

test('the bundled examples, YAML and Markdown, fit the schema', () => {
  for (const example of EXAMPLES) {
    const file = join(ROOT, 'examples', example);
    assertValid(parse(readFileSync(`${file}.sop.yaml`, 'utf8')), `${example}.sop.yaml`);
    assertValid(markdownData(`${file}.sop.md`), `${example}.sop.md`);
  }
});

test('the module fixtures fit the schema', () => {
  for (const type of MODULE_TYPES) {
    assertValid(parse(readFileSync(join(FIXTURES, `${type}.sop.yaml`), 'utf8')), `${type}.sop.yaml`);
  }
});

test('malformed fixtures that break a structural rule do not fit', () => {
  const dir = join(FIXTURES, 'invalid');
  const structural = readdirSync(dir)
    .filter((name) => name.endsWith('.sop.yaml'))
    .filter((name) => {
      const { code } = JSON.parse(readFileSync(join(dir, name.replace('.sop.yaml', '.expected.json')), 'utf8'));
      return ['SOP_ERR_SCHEMA', 'SOP_ERR_UNKNOWN_MODULE', 'SOP_WARN_UNKNOWN_KEY'].includes(code);
    });
  // Wrong types, missing fields, bad enums, an unknown key and type, too-deep steps at least.
  assert.ok(structural.length >= 9, `only ${structural.length}: ${structural.join(', ')}`);
  for (const name of structural) {
    const result = validator.safeParse(parse(readFileSync(join(dir, name), 'utf8')));
    assert.equal(result.success, false, `${name} fits the schema`);
  }
});

test('module variants follow the table: type, default title, description and keys', () => {
  assert.deepEqual(
    variants().map((variant) => variant.properties?.type?.const),
    MODULE_TYPES,
  );
  for (const variant of variants()) {
    const type = variant.properties!.type!.const as keyof typeof MODULES;
    assert.equal(variant.title, DEFAULT_TITLES[type]);
    assert.equal(variant.description, MODULES[type].description);
    assert.equal(variant.properties!.type!.description, MODULES[type].description, `hover text of type ${type}`);
    assert.deepEqual(Object.keys(variant.properties!), Object.keys(MODULES[type].schema.shape));
    assert.equal(variant.additionalProperties, false, `${type} reports unknown keys`);
  }
});

test('status and callout levels are enums with a description per value', () => {
  const status = schema.properties?.status;
  assert.deepEqual(status?.enum, Object.keys(SOP_STATUSES));
  assert.deepEqual(status?.enumDescriptions, Object.values(SOP_STATUSES));
  const levels = [...walk(schema)].filter((node) => node.properties?.level);
  assert.ok(levels.length >= 2, 'callouts in the safety module and in steps');
  for (const callout of levels) {
    assert.deepEqual(callout.properties!.level!.enum, Object.keys(CALLOUT_LEVELS));
    assert.deepEqual(callout.properties!.level!.enumDescriptions, Object.values(CALLOUT_LEVELS));
  }
});

test('every property has a description for hover', () => {
  const missing: string[] = [];
  for (const node of walk(schema)) {
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      if (!property.description) missing.push(key);
    }
  }
  assert.deepEqual(missing, []);
});

test('each call returns a fresh schema', () => {
  const first = sopJsonSchema();
  first.title = 'changed';
  assert.notEqual(sopJsonSchema().title, 'changed');
});
