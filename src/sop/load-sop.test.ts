import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSopText } from './load-sop.js';

const front = '---\nid: SOP-1\ntitle: T\nversion: "1"\nstatus: draft\n---\n';

test('Markdown steps: checkbox, {#id duration signoff}, image, callouts, details, sub-steps', () => {
  const result = loadSopText({
    text: `${front}\n## Procedure\n\n1. [x] Do it. {#do duration="5 min" signoff="A; B"}\n\n   Why it matters.\n\n   ![Alt](m.png "Cap")\n\n   > **Caution:** Careful.\n\n   1. Sub.\n`,
    file: 'x.sop.md',
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(result.document.modules[0], {
    type: 'procedure',
    steps: [
      {
        id: 'do',
        text: 'Do it.',
        checkbox: true,
        duration: '5 min',
        signoff: ['A', 'B'],
        details: 'Why it matters.',
        image: { src: 'm.png', alt: 'Alt', caption: 'Cap' },
        callouts: [{ level: 'caution', text: 'Careful.' }],
        steps: [{ text: 'Sub.' }],
      },
    ],
  });
});

test('Markdown headings: aliases map to module types, custom headings become titled sections', () => {
  const result = loadSopText({
    text: `${front}\n## Roles and Responsibilities\n\n- **Analyst:** Runs it.\n\n## Appendix\n\nFree text.\n\n## Equipment\n\n| Item | Qty |\n|---|---|\n| Pipette | 2 |\n`,
    file: 'x.sop.md',
  });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(result.document.modules, [
    {
      type: 'responsibilities',
      title: 'Roles and Responsibilities',
      items: [{ role: 'Analyst', duties: ['Runs it.'] }],
    },
    { type: 'section', title: 'Appendix', text: 'Free text.' },
    { type: 'materials', title: 'Equipment', items: [{ item: 'Pipette', quantity: '2' }] },
  ]);
});

test('format follows the file name, else the text; a byte-order mark does not shift columns', () => {
  const yaml = 'id: A\ntitle: T\nversion: "1"\nstatus: draft\nmodules:\n  - type: purpose\n    text: x\n';
  assert.ok(loadSopText({ text: yaml }).ok);
  assert.ok(loadSopText({ text: `${front}\n## Purpose\n\nx\n` }).ok);
  const bom = loadSopText({ text: `\uFEFF${yaml.replace('status: draft', 'status: 7')}`, file: 'a.sop.yaml' });
  assert.ok(!bom.ok);
  assert.equal(bom.errors[0]?.line, 4);
  assert.equal(bom.errors[0]?.column, 9);
});

test('an unknown Markdown step attribute or table column is an error with a suggestion', () => {
  const attribute = loadSopText({ text: `${front}\n## Procedure\n\n1. Go. {duraton=5}\n`, file: 'x.sop.md' });
  assert.ok(!attribute.ok);
  assert.equal(attribute.errors[0]?.code, 'SOP_ERR_MARKDOWN');
  assert.match(attribute.errors[0]!.message, /unknown step attribute "duraton" \(did you mean "duration"\?\)/);
  assert.equal(attribute.errors[0]?.line, 10);
  const column = loadSopText({
    text: `${front}\n## Records\n\n| Record | Retension |\n|---|---|\n| Log | 1 y |\n`,
    file: 'x.sop.md',
  });
  assert.ok(!column.ok);
  assert.match(column.errors[0]!.message, /unknown table column "retension" \(did you mean "retention"\?\)/);
});
