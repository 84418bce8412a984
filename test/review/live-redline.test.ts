/**
 * `sop-preview serve --compare` in real Chromium: the redline is on screen, follows every save
 * as a patch (no reload), the "Show changes" switch is reachable by keyboard, labelled, and hides
 * every mark (CSS only, kept across patches), and the marks meet WCAG AA contrast without relying
 * on colour.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type CliProcess, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked, type TrackedPage } from '../helpers/browser.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';
import { BASE_SOP, edit } from './redline-helpers.js';

/** WCAG 2.1 contrast ratio of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (color: string): number => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const CHANGED = edit(BASE_SOP, 'Let them dry for five minutes.', 'Let them dry for ten minutes.');

describe('serve --compare (live redline)', () => {
  let dir: string;
  let cli: CliProcess;
  let browser: Browser;
  let tracked: TrackedPage;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-live-redline-'));
    await writeFile(join(dir, 'approved.sop.yaml'), BASE_SOP);
    await writeFile(join(dir, 'cleaning.sop.yaml'), CHANGED);
    cli = startCli([
      'serve',
      join(dir, 'cleaning.sop.yaml'),
      '--compare',
      join(dir, 'approved.sop.yaml'),
      '--port',
      '0',
      '--no-open',
    ]);
    const url = await cli.waitForLine(/Local: (\S+)/, 30_000);
    browser = await launchChromium();
    tracked = await openTracked(browser, url);
  });
  after(async () => {
    await browser?.close();
    await cli?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the redline and follows a save as a patch', async () => {
    const { page } = tracked;
    assert.equal(await inPage(page, `document.querySelector('[data-block="step-wipe"]').dataset.rl`), 'changed');
    assert.equal(await inPage(page, `document.querySelector('[data-block="step-wipe"] del').textContent`), 'five');
    await inPage(page, 'window.__sameDocument = true');
    await writeFile(
      join(dir, 'cleaning.sop.yaml'),
      edit(CHANGED, 'Switch the balance off', 'Switch the balance off at the wall'),
    );
    await poll(
      () =>
        inPage<boolean>(page, `document.querySelector('[data-block="step-power"] ins')?.textContent === 'at the wall'`),
      { timeout: 20_000, message: 'the new insertion on screen' },
    );
    assert.equal(await inPage(page, `document.querySelector('[data-block="step-power"]').dataset.rl`), 'changed');
    assert.equal(await inPage(page, 'window.__sameDocument'), true, 'patched in place, not reloaded');
    assert.equal(tracked.navigations(), 0);
    assert.match(
      await inPage<string>(page, `document.querySelector('.rl-summary').textContent`),
      /Procedure: 2 steps changed/,
    );
  });

  it('marks meet AA contrast and are underlined / struck through', async () => {
    const styles = await inPage<Record<string, string>[]>(
      tracked.page,
      `['ins', 'del'].map((name) => { const s = getComputedStyle(document.querySelector(name)); return { color: s.color, background: s.backgroundColor, line: s.textDecorationLine }; })`,
    );
    const [ins, del] = styles as [Record<string, string>, Record<string, string>];
    assert.ok(contrast(ins.color as string, ins.background as string) >= 4.5, `ins contrast ${JSON.stringify(ins)}`);
    assert.ok(contrast(del.color as string, del.background as string) >= 4.5, `del contrast ${JSON.stringify(del)}`);
    assert.equal(ins.line, 'underline');
    assert.equal(del.line, 'line-through');
  });

  it('the switch and the summary links are keyboard reachable and labelled; off hides every mark', async () => {
    const { page } = tracked;
    await page.bringToFront();
    await inPage(page, 'document.activeElement?.blur(); window.scrollTo(0, 0)');
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await inPage<string>(
          page,
          `document.activeElement.id || document.activeElement.getAttribute('href') || document.activeElement.tagName`,
        ),
      );
      if (reached.at(-1) === 'rl-show') break;
    }
    assert.ok(reached.includes('#sop-procedure') || reached.includes('rl-show'), `focus went ${reached.join(' → ')}`);
    assert.equal(reached.at(-1), 'rl-show', `focus went ${reached.join(' → ')}`);
    assert.equal(await inPage(page, `document.activeElement.labels[0].textContent`), 'Show changes');
    assert.equal(await inPage(page, `document.activeElement.getAttribute('role')`), 'switch');
    await page.keyboard.press('Space');
    assert.equal(await inPage(page, `getComputedStyle(document.querySelector('del')).display`), 'none');
    assert.equal(await inPage(page, `getComputedStyle(document.querySelector('ins')).textDecorationLine`), 'none');
    assert.equal(
      await inPage(page, `getComputedStyle(document.querySelector('[data-rl]'), '::before').content`),
      'none',
      'no bars in the clean view',
    );
    // The switch survives the next patch: the client keeps what the reader set.
    await writeFile(
      join(dir, 'cleaning.sop.yaml'),
      edit(CHANGED, 'Switch the balance off', 'Switch the balance off now'),
    );
    await poll(
      () => inPage<boolean>(page, `document.querySelector('[data-block="step-power"] ins')?.textContent === 'now'`),
      { timeout: 20_000, message: 'the next patch' },
    );
    assert.equal(await inPage(page, `document.querySelector('#rl-show').checked`), false);
  });
});
