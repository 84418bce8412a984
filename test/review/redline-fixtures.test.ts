/**
 * The redline on hand-made edits of one SOP: each edit renders the expected `<ins>`/`<del>` and
 * change bars, and no unchanged block carries a bar.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redlinePage } from '../../src/review/redline-page.js';
import { BASE_SOP, edit, marks, redlineYaml, renderYaml, wrapped } from './redline-helpers.js';

/** The `key:mark` (or `name:mark` for unkeyed blocks) of every bar, in order. */
function bars(html: string): string[] {
  return marks(html).map((m) => `${m.key ?? m.name}:${m.mark}`);
}

function only<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, `expected one ${what}, got ${items.length}`);
  return items[0] as T;
}

describe('redline fixtures', () => {
  it('an unchanged document has no bars and no marks', () => {
    const { html, sections } = redlineYaml(BASE_SOP, BASE_SOP);
    assert.deepEqual(bars(html), []);
    assert.doesNotMatch(html, /<(ins|del)>/);
    assert.deepEqual(sections, []);
    assert.match(html, /No changes\./);
  });

  it('a step inserted: the step is marked inserted, its text underlined, nothing else barred', () => {
    const edited = edit(
      BASE_SOP,
      '      - id: wipe\n',
      '      - id: vacuum\n        text: Vacuum the bench with the HEPA cleaner.\n      - id: wipe\n',
    );
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    assert.deepEqual(bars(html), ['step-vacuum:inserted']);
    const step = only(marks(html), 'bar').element;
    assert.deepEqual(wrapped(step, 'ins'), ['Vacuum the bench with the HEPA cleaner.']);
    assert.deepEqual(wrapped(step, 'del'), []);
    assert.deepEqual(
      sections.map((s) => [s.key, s.added, s.removed, s.changed]),
      [['procedure', 1, 0, 0]],
    );
  });

  it('a step removed: the step stays, struck through, and its number is not counted', () => {
    const edited = edit(
      BASE_SOP,
      '      - id: brush\n        text: Brush loose powder from the weighing chamber into a waste tray.\n',
      '',
    );
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    assert.deepEqual(bars(html), ['step-brush:removed']);
    const step = only(marks(html), 'bar').element;
    assert.deepEqual(wrapped(step, 'del'), ['Brush loose powder from the weighing chamber into a waste tray.']);
    assert.deepEqual(wrapped(step, 'ins'), []);
    assert.match(html, /\.sop-step\[data-rl="removed"\][^{]*\{ counter-increment: none; \}/);
    assert.equal(sections[0]?.removed, 1);
  });

  it('a sentence changed inside a step: a word diff in that step only', () => {
    const edited = edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for at least ten minutes.');
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    assert.deepEqual(bars(html), ['step-wipe:changed']);
    const step = only(marks(html), 'bar').element;
    assert.deepEqual(wrapped(step, 'del'), ['five']);
    assert.deepEqual(wrapped(step, 'ins'), ['at least ten']);
    assert.match(
      html,
      /Wipe all inner surfaces with isopropanol\. Let them dry for <del>five<\/del><ins>at least ten<\/ins> minutes\./,
    );
    assert.equal(sections[0]?.changed, 1);
  });

  it('a step whose text (and so its derived key) changed is still one changed step', () => {
    const base = edit(BASE_SOP, '      - id: check\n', '      - ');
    const edited = edit(base, 'run the internal calibration', 'run the external calibration');
    const found = bars(redlineYaml(base, edited).html);
    assert.equal(found.length, 1);
    assert.match(found[0] as string, /^s-\w+:changed$/);
  });

  it('a table row changed: that row is barred, its cell diffed, other rows untouched', () => {
    const edited = edit(BASE_SOP, 'quantity: 500 mL', 'quantity: 1 L');
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    assert.deepEqual(bars(html), ['tr:changed']);
    const row = only(marks(html), 'bar').element;
    assert.deepEqual(wrapped(row, 'del'), ['500 mL']);
    assert.deepEqual(wrapped(row, 'ins'), ['1 L']);
    assert.match(html, /<tr data-rl="changed"><td>Isopropanol 70 %<\/td><td><del>500 mL<\/del><ins>1 L<\/ins><\/td>/);
    assert.deepEqual(
      sections.map((s) => s.key),
      ['materials'],
    );
  });

  it('a table row added and one removed are shown whole', () => {
    const edited = edit(
      BASE_SOP,
      '      - item: Soft brush\n        quantity: 1\n',
      '      - item: Nitrile gloves\n        quantity: 2 pairs\n',
    );
    const found = bars(redlineYaml(BASE_SOP, edited).html);
    assert.deepEqual(found.sort(), ['tr:inserted', 'tr:removed']);
  });

  it('a module moved: the module is marked moved, its content is not diffed, nothing else barred', () => {
    const records = '  - type: records\n    items:\n      - name: Cleaning log\n        location: Room B-104\n';
    const edited = edit(edit(BASE_SOP, records, ''), '  - type: materials\n', `${records}  - type: materials\n`);
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    const moved = bars(html).filter((bar) => !bar.startsWith('li:'));
    assert.deepEqual(moved, ['records:moved']);
    // The table of contents follows the modules: its moved entry is the only other mark.
    for (const mark of marks(html).filter((m) => m.name === 'li')) assert.match(mark.element.attribs.class ?? '', /^$/);
    const module = marks(html).find((m) => m.key === 'records')?.element;
    assert.ok(module);
    assert.deepEqual([...wrapped(module, 'ins'), ...wrapped(module, 'del')], []);
    assert.deepEqual(
      sections.map((s) => [s.key, s.mark]),
      [['records', 'moved']],
    );
  });

  it('an image replaced is shown as a unit: old one deleted, new one inserted', () => {
    const base = edit(
      BASE_SOP,
      '        text: Switch the balance off and unplug it.\n',
      '        text: Switch the balance off and unplug it.\n        image:\n          src: https://example.invalid/a.png\n          alt: Plug\n',
    );
    const edited = edit(base, 'https://example.invalid/a.png', 'https://example.invalid/b.png');
    const { html } = redlineYaml(base, edited);
    assert.deepEqual(bars(html), ['step-power:changed']);
    assert.match(
      html,
      /<del><img src="https:\/\/example\.invalid\/a\.png"[^>]*><\/del><ins><img src="https:\/\/example\.invalid\/b\.png"/,
    );
  });

  it('the summary links every changed section to its place', () => {
    const edited = edit(
      edit(BASE_SOP, 'quantity: 500 mL', 'quantity: 1 L'),
      'Let them dry for five minutes.',
      'Let them dry.',
    );
    const { html, sections } = redlineYaml(BASE_SOP, edited);
    assert.deepEqual(
      sections.map((s) => s.anchor),
      ['sop-materials', 'sop-procedure'],
    );
    assert.match(html, /<a href="#sop-materials">Materials and Equipment<\/a>: 1 row changed/);
    assert.match(html, /<a href="#sop-procedure">Procedure<\/a>: 1 step changed/);
    assert.match(
      html,
      /<input type="checkbox" class="rl-toggle" id="rl-show" role="switch" checked><label for="rl-show">Show changes<\/label>/,
    );
  });
});

describe('redline of a document the base does not have', () => {
  it('shows everything inserted and says it is a new document', () => {
    const html = renderYaml(BASE_SOP);
    const { html: redline, sections } = redlinePage('<!doctype html><html><head></head><body></body></html>', html);
    assert.deepEqual(
      sections.map((s) => [s.title, s.mark]),
      [['Document', 'inserted']],
    );
    assert.match(redline, /<li class="rl-summary-item rl-summary-item--inserted">Document: new document<\/li>/);
    assert.deepEqual(
      marks(redline).map((m) => `${m.name}:${m.mark}`),
      ['article:inserted'],
    );
  });
});

describe('redline of pages without keys', () => {
  it('leaves scripts and styles unmarked, diffs the text and bars the innermost changed block', () => {
    const page = (script: string, text: string) =>
      `<!doctype html><html><head><title>t</title></head><body><script>${script}</script><p>${text}</p><style>p{}</style></body></html>`;
    const { html } = redlinePage(page('let a = 1;', 'Old words here.'), page('let a = 2;', 'New words here.'));
    assert.match(html, /<script>let a = 2;<\/script>/);
    assert.match(html, /<p data-rl="changed"><del>Old<\/del><ins>New<\/ins> words here\.<\/p>/);
    assert.deepEqual(
      marks(html).map((m) => m.name),
      ['p'],
    );
    assert.match(html, /<style>p\{\}<\/style>/);
  });
});
