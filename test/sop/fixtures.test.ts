/**
 * Input → expected HTML fixtures, one generated test per `fixtures/<name>.sop.yaml`. Regenerate
 * with `UPDATE_FIXTURES=1 node scripts/run-tests.mjs test/sop/fixtures` and review the diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderFile } from '../../src/sop/render-file.js';
import { MODULE_TYPES } from '../../src/sop/schema/modules.js';
import { bodyOf, FIXTURES, ROOT } from './fixture-helpers.js';

const update = process.env.UPDATE_FIXTURES === '1';
const names = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.sop.yaml'))
  .map((name) => name.slice(0, -'.sop.yaml'.length))
  .sort();

for (const name of names) {
  test(`fixture ${name}`, async () => {
    const result = await renderFile(join(FIXTURES, `${name}.sop.yaml`));
    assert.ok(result.ok, `fixture ${name} failed to load: ${JSON.stringify(!result.ok && result.errors)}`);
    const body = bodyOf(result.html);
    const expectedPath = join(FIXTURES, `${name}.expected.html`);
    if (update) writeFileSync(expectedPath, `${body}\n`);
    assert.ok(existsSync(expectedPath), `no ${name}.expected.html: run with UPDATE_FIXTURES=1 and review it`);
    assert.equal(body, readFileSync(expectedPath, 'utf8').trimEnd());
  });
}

for (const example of ['lab/ph-meter-calibration', 'manufacturing/line-clearance', 'it/database-failover']) {
  test(`${example}: YAML and Markdown render the same <body>`, async () => {
    const yaml = await renderFile(join(ROOT, 'examples', `${example}.sop.yaml`));
    const markdown = await renderFile(join(ROOT, 'examples', `${example}.sop.md`));
    assert.ok(yaml.ok && markdown.ok);
    assert.deepEqual(yaml.warnings, []);
    assert.deepEqual(markdown.warnings, []);
    assert.equal(bodyOf(markdown.html), bodyOf(yaml.html));
    assert.ok(yaml.html.includes('data-block="procedure"'));
  });
}

test('the examples together use every module type', async () => {
  const used = new Set<string>();
  for (const example of ['lab/ph-meter-calibration', 'manufacturing/line-clearance', 'it/database-failover']) {
    const text = readFileSync(join(ROOT, 'examples', `${example}.sop.yaml`), 'utf8');
    for (const match of text.matchAll(/^ {2}- type: ([\w-]+)$/gm)) used.add(match[1]!);
  }
  assert.deepEqual([...used].sort(), [...MODULE_TYPES].sort());
});

test('renderFile hands over the parsed SOP of an SOP file, and none for other pages', async () => {
  for (const extension of ['sop.yaml', 'sop.md']) {
    const result = await renderFile(join(ROOT, 'examples', 'lab', `ph-meter-calibration.${extension}`));
    assert.ok(result.ok);
    assert.equal(result.document?.id, 'SOP-LAB-014');
    assert.equal(result.document?.title, 'Calibration of a Benchtop pH Meter');
  }
  for (const page of ['notes.md', 'plain.html']) {
    const result = await renderFile(join(ROOT, 'examples', page));
    assert.ok(result.ok);
    assert.equal(result.document, undefined, page);
  }
});
