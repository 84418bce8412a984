/**
 * `sop-preview build --pdf`: a controlled PDF printed by the system Chromium, read back with
 * `pdftotext` (poppler-utils): SOP id, "Page X of N" and the footer on every page, the approval
 * rows with printed name, meaning and date, the revision history, and with `--compare` the redline.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli/spawn-cli.js';
import { BASE_SOP, edit } from './redline-helpers.js';

/** The text of each page of `pdf`, by `pdftotext` (pages end with a form feed). */
function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text.split('\f').filter((page) => page.trim() !== '');
}

describe('build --pdf', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-pdf-'));
    await writeFile(join(dir, 'approved.sop.yaml'), BASE_SOP);
    await writeFile(
      join(dir, 'cleaning.sop.yaml'),
      edit(BASE_SOP, 'Switch the balance off', 'Switch the balance off at the wall'),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints the running header, page numbers, footer, approvals and history, with the redline', async () => {
    const out = join(dir, 'pdf');
    const result = await runCli(
      [
        'build',
        join(dir, 'cleaning.sop.yaml'),
        '--pdf',
        '--out',
        out,
        '--compare',
        join(dir, 'approved.sop.yaml'),
        '--pdf-footer',
        'Controlled copy 7 of 9',
      ],
      { cwd: dir },
    );
    assert.equal(result.code, 0, result.stderr);
    const pages = pageTexts(join(out, 'cleaning.pdf'));
    assert.ok(pages.length >= 2, `expected several pages, got ${pages.length}`);
    pages.forEach((page, index) => {
      assert.match(page, /SOP-QA-007 · Cleaning of the Balance Room/, `header on page ${index + 1}`);
      assert.match(page, /Revision 2\.0 · Effective 2026-03-01/, `revision on page ${index + 1}`);
      assert.match(page, new RegExp(`Page ${index + 1} of ${pages.length}\\b`), `page number on page ${index + 1}`);
      assert.match(page, /Controlled copy 7 of 9/, `footer on page ${index + 1}`);
    });
    const all = pages.join('\n');
    assert.match(all, /Printed name\s+Role\s+Meaning of signature\s+Date/);
    assert.match(all, /Ada Brook\s+Author\s+Authored\s+2026-02-01/);
    assert.match(all, /Ben Carter\s+Technical review\s+Reviewed\s+2026-02-10/);
    assert.match(all, /Chloe Diaz\s+QA approval\s+Approved\s+2026-02-20/);
    assert.match(all, /Isopropanol instead of ethanol\./);
    assert.match(all, /Changes since approved\.sop\.yaml/);
    assert.match(all, /at the wall/);
  });

  it('the default footer is "Uncontrolled when printed"', async () => {
    const out = join(dir, 'plain');
    const result = await runCli(['build', join(dir, 'approved.sop.yaml'), '--pdf', '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const pages = pageTexts(join(out, 'approved.pdf'));
    for (const page of pages) assert.match(page, /Uncontrolled when printed/);
    assert.doesNotMatch(pages.join('\n'), /Changes since/);
  });

  it('a page whose script measures the layout while it loads is printed with that layout', async () => {
    // Pages without scripts are hidden on screen and laid out only for paper; this one must not be.
    const page = join(dir, 'measured.html');
    await writeFile(
      page,
      '<!doctype html><html><head><title>Measured</title></head><body><p id="w">unmeasured</p>' +
        "<script>document.getElementById('w').textContent = 'Body width ' + document.body.offsetWidth + ' px';</script>" +
        '</body></html>',
    );
    const out = join(dir, 'measured');
    const result = await runCli(['build', page, '--pdf', '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    const text = pageTexts(join(out, 'measured.pdf')).join('\n');
    const width = Number(/Body width (\d+) px/.exec(text)?.[1]);
    assert.ok(width > 0, `the script saw a laid-out body: ${JSON.stringify(text)}`);
  });

  it('without Chromium: a clear error with PREVIEW_ERR_NO_CHROMIUM', async () => {
    const result = await runCli(['build', join(dir, 'approved.sop.yaml'), '--pdf', '--out', join(dir, 'none')], {
      env: { CHROMIUM_PATH: join(dir, 'no-such-chromium') },
    });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no Chromium at .*no-such-chromium.*CHROMIUM_PATH.*\[PREVIEW_ERR_NO_CHROMIUM\]/);
  });
});
