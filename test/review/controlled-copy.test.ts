/**
 * The approvals page of a controlled copy: each signer's printed name, role, meaning of the
 * signature and date; the meaning is the approval's own `meaning` when the source states one,
 * else derived from the role.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomUtils, parseDocument } from 'htmlparser2';
import { controlledCopy } from '../../src/review/controlled-copy.js';
import { loadSopText, renderSop } from '../../src/sop/index.js';
import { BASE_SOP, edit } from './redline-helpers.js';

/** The approvals page rows of the controlled copy of `text`, as cell texts. */
function approvalRows(text: string): string[][] {
  const loaded = loadSopText({ text, format: 'yaml' });
  if (!loaded.ok) throw new Error(`fixture does not load: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const page = parseDocument(controlledCopy(renderSop(loaded.document).html, loaded.document));
  const section = DomUtils.findOne((element) => element.attribs.class === 'sop-approvals-page', page.children);
  assert.ok(section, 'an approvals page');
  return DomUtils.findAll((element) => element.name === 'tr', section.children)
    .slice(1)
    .map((row) => DomUtils.getChildren(row).map((cell) => DomUtils.textContent(cell)));
}

describe('approvals page', () => {
  it('derives the meaning of each signature from the role when none is stated', () => {
    assert.deepEqual(approvalRows(BASE_SOP), [
      ['Ada Brook', 'Author', 'Authored', '2026-02-01'],
      ['Ben Carter', 'Technical review', 'Reviewed', '2026-02-10'],
      ['Chloe Diaz', 'QA approval', 'Approved', '2026-02-20'],
    ]);
  });

  it('prints the meaning an approval states, over the one its role implies', () => {
    const stated = edit(BASE_SOP, '    name: Ada Brook\n', '    name: Ada Brook\n    meaning: Responsibility\n');
    assert.deepEqual(approvalRows(stated)[0], ['Ada Brook', 'Author', 'Responsibility', '2026-02-01']);
  });

  it('rejects an empty meaning with a clear error', () => {
    const loaded = loadSopText({
      text: edit(BASE_SOP, '    name: Ada Brook\n', "    name: Ada Brook\n    meaning: ''\n"),
      format: 'yaml',
    });
    assert.equal(loaded.ok, false);
    const errors = loaded.ok ? [] : loaded.errors.map((error) => error.message);
    assert.deepEqual(errors, ['approvals[0].meaning: expected non-empty text']);
  });
});
