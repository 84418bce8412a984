/**
 * Folder mode: `/` lists every document (title, id, status) with links; two tabs on two
 * documents each receive only their own document's updates; a new file appears in the index.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type CliProcess, copyExamples, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { bodyText, inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

describe('folder mode (CLI, real Chromium)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let cli: CliProcess;
  let url: string;

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    cli = startCli([examples.dir, '--port', '0', '--no-open']);
    url = await cli.waitForLine(/^Local: (\S+)$/m);
  });
  after(async () => {
    await browser?.close();
    if (cli) assert.equal(await cli.stop(), 0, cli.stderr());
    await examples?.cleanup();
  });

  it('serves an index page listing each document with title, id and status', async () => {
    const tracked = await openTracked(browser, url);
    const text = await bodyText(tracked.page);
    assert.match(text, /Calibration of a Benchtop pH Meter/);
    assert.match(text, /SOP-LAB-014/);
    assert.match(text, /approved/);
    const hrefs = await inPage<string[]>(
      tracked.page,
      "[...document.querySelectorAll('a')].map((a) => a.getAttribute('href'))",
    );
    assert.ok(hrefs.includes('/lab/ph-meter-calibration.html'), hrefs.join(' '));
    assert.ok(hrefs.includes('/notes.html'));
    assert.ok(hrefs.includes('/plain.html'));
    // x.sop.md and x.sop.yaml map to the same page: the first (as in `build`) wins, the other is named.
    assert.equal(hrefs.filter((href) => href === '/lab/ph-meter-calibration.html').length, 1);
    assert.match(
      cli.stderr(),
      /skipped .*ph-meter-calibration\.sop\.yaml: .*ph-meter-calibration\.sop\.md already shows/,
    );
    await tracked.page.click('a[href="/notes.html"]');
    await poll(async () => (await bodyText(tracked.page)).includes('electrode maintenance'), {
      timeout: 5000,
      message: 'linked page',
    });
    await tracked.page.close();
  });

  it('sends each tab only its own document updates', async () => {
    const notes = await openTracked(browser, new URL('notes.html', url).href);
    const plain = await openTracked(browser, new URL('plain.html', url).href);
    assert.match(await bodyText(notes.page), /Weekly/);
    assert.match(await bodyText(plain.page), /Shift handover board/);
    const plainBefore = await plain.page.content();
    const applied: string[] = [];
    await plain.page.exposeFunction('recordMutation', (what: string) => applied.push(what));
    await inPage(
      plain.page,
      "new MutationObserver(() => window.recordMutation('mutated')).observe(document.body, { subtree: true, childList: true, characterData: true })",
    );

    const marker = `notes-only-${Date.now()}`;
    const notesPath = join(examples.dir, 'notes.md');
    const source = await readFile(notesPath, 'utf8');
    await writeFile(notesPath, source.replace('## Weekly', `## Weekly\n\n${marker}`));
    await poll(async () => (await bodyText(notes.page)).includes(marker), {
      timeout: 5000,
      message: 'notes tab updated',
    });

    // The other tab must stay untouched; prove the check can see updates by editing it afterwards.
    assert.deepEqual(applied, []);
    assert.equal(await plain.page.content(), plainBefore);
    const plainPath = join(examples.dir, 'plain.html');
    const plainMarker = `plain-only-${Date.now()}`;
    await writeFile(
      plainPath,
      (await readFile(plainPath, 'utf8')).replace('Running batch', `${plainMarker} Running batch`),
    );
    await poll(async () => (await bodyText(plain.page)).includes(plainMarker), {
      timeout: 5000,
      message: 'plain tab updated',
    });
    assert.ok(applied.length > 0);
    assert.ok(!(await bodyText(notes.page)).includes(plainMarker));
    assert.equal(notes.navigations() + plain.navigations(), 0);
    await notes.page.close();
    await plain.page.close();
  });

  it('adds a new document to the index while it is open', async () => {
    const index = await openTracked(browser, url);
    await writeFile(join(examples.dir, 'added.md'), '# A freshly added page\n\nHello.\n');
    await poll(async () => (await bodyText(index.page)).includes('A freshly added page'), {
      timeout: 5000,
      message: 'index row',
    });
    const added = await (await fetch(new URL('added.html', url))).text();
    assert.match(added, /Hello\./);
    await index.page.close();
  });
});
