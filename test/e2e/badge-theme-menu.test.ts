/**
 * The badge's theme menu (real Chromium, the real CLI): reached with the keyboard, labelled, with
 * a visible focus and enough contrast; choosing a theme changes the page's computed styles at
 * once, with no navigation, in that viewer only, and the choice survives the next update. Pages
 * we did not render (plain HTML) get no menu. The theme route serves offered names only.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type CliProcess, copyExamples, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { CONTRAST_SOURCE } from '../helpers/contrast-source.js';
import { inPage } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const BACKGROUND = 'getComputedStyle(document.body).backgroundColor';

interface State {
  version: number;
  status: string;
  applied: number;
}
const state = (page: Page) => inPage<State | null>(page, 'window.__SOP_PREVIEW_STATE__ ?? null');

/** The badge's shadow root's focused element, as `tag:text`, or null when focus is elsewhere. */
const focused = (page: Page) =>
  inPage<string | null>(
    page,
    `(() => {
      const el = document.querySelector('sop-preview-badge')?.shadowRoot?.activeElement;
      return el ? el.tagName.toLowerCase() + ':' + (el.value || el.textContent) : null;
    })()`,
  );

/**
 * WCAG contrast of each visible text element of the open menu against the badge's background,
 * and the badge's opacity (a faded badge would lower it).
 */
const menuContrast = (page: Page) =>
  inPage<{ ratios: Record<string, number>; opacity: string }>(
    page,
    `(() => {
      const root = document.querySelector('sop-preview-badge').shadowRoot;
      ${CONTRAST_SOURCE}
      const ratio = (el) =>
        Math.round(contrast(luminance(rgb(getComputedStyle(el).color)), luminance(backgroundOf(el))) * 10) / 10;
      const ratios = {};
      for (const el of root.querySelectorAll('button:not([hidden]), legend, label')) ratios[el.textContent] = ratio(el);
      return { ratios, opacity: getComputedStyle(root.querySelector('.b')).opacity };
    })()`,
  );

describe('badge theme menu (real Chromium)', () => {
  let browser: Browser | undefined;
  let examples: { dir: string; cleanup: () => Promise<void> } | undefined;
  const clis: CliProcess[] = [];
  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
  });
  after(async () => {
    await Promise.all(clis.map((cli) => cli.stop()));
    await browser?.close();
    await examples?.cleanup();
  });

  /** Starts `sop-preview serve <file>` on a free port; resolves with its URL. */
  async function serve(file: string): Promise<string> {
    const cli = startCli(['serve', file, '--port', '0', '--no-open']);
    clis.push(cli);
    return cli.waitForLine(/^Local: (\S+)$/m);
  }

  async function openLive(url: string) {
    if (!browser) throw new Error('the browser starts in before()');
    const tracked = await openTracked(browser, url);
    await poll(async () => (await state(tracked.page))?.status === 'live', { timeout: 15_000, message: 'live' });
    return tracked;
  }

  it('switches this viewer from the keyboard, CSS only, and leaves the other viewer alone', async () => {
    if (!examples) throw new Error('the examples are copied in before()');
    const file = join(examples.dir, 'lab', 'ph-meter-calibration.sop.yaml');
    const url = await serve(file);
    const one = await openLive(url);
    const two = await openLive(url);
    const { page } = one;
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/__preview/') && !response.ok()) failed.push(response.url());
    });
    const before = await inPage<string>(page, BACKGROUND);
    assert.equal(await inPage(two.page, BACKGROUND), before);
    const twoApplied = (await state(two.page))?.applied;
    await page.evaluate('window.__marker = "still here"');

    // Keyboard: the badge is the last stop of the page's tab order.
    const button = page.getByRole('button', { name: 'Theme' });
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(page), 'button:Theme', 'Shift+Tab from the top reaches the Theme button');
    assert.equal(
      await inPage(
        page,
        "getComputedStyle(document.querySelector('sop-preview-badge').shadowRoot.activeElement).outlineStyle",
      ),
      'solid',
      'focus is visible',
    );
    await page.keyboard.press('Enter');
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const group = page.getByRole('group', { name: 'Theme of this page' });
    assert.equal(await group.getByRole('radio').count(), 3, 'default, print, dark (no --theme file)');
    assert.equal(await focused(page), 'input:default', 'focus on the theme shown now');
    assert.equal(await group.getByRole('radio', { name: 'default' }).isChecked(), true);

    // The badge fades in from its live transparency (a 0.4 s transition).
    const contrast = await poll(
      async () => {
        const measured = await menuContrast(page);
        return measured.opacity === '1' ? measured : undefined;
      },
      { timeout: 5000, message: 'the badge is not faded while the menu has focus' },
    );
    for (const [text, ratio] of Object.entries(contrast.ratios)) {
      assert.ok(ratio >= 4.5, `contrast of "${text}" is ${ratio}:1, below 4.5:1`);
    }

    await page.keyboard.press('ArrowDown'); // print
    await page.keyboard.press('ArrowDown'); // dark
    // Print was chosen on the way: wait until dark alone is on.
    await poll(
      () =>
        inPage(
          page,
          "[...document.querySelectorAll('[data-sop-theme-override]')].map((el) => el.getAttribute('data-sop-theme-override') + ':' + Boolean(el.sheet)).join() === 'dark:true'",
        ),
      { timeout: 5000, message: 'the dark theme loaded' },
    );
    assert.notEqual(await inPage(page, BACKGROUND), before, 'the page looks different');
    const dark = await inPage<string>(page, BACKGROUND);
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal(await focused(page), 'button:Theme', 'Escape returns focus to the button');

    assert.equal(await inPage(page, 'window.__marker'), 'still here', 'no navigation');
    assert.equal(one.navigations(), 0);
    assert.equal(await inPage(two.page, BACKGROUND), before, 'the other viewer keeps its theme');
    assert.equal((await state(two.page))?.applied, twoApplied, 'nothing was sent to the other viewer');

    // The next update (a save) keeps this viewer's choice and reaches both viewers.
    const version = (await state(page))?.version ?? 0;
    const source = await readFile(file, 'utf8');
    await writeFile(file, source.replace('title: ', 'title: Revised '));
    await poll(async () => ((await state(page))?.version ?? 0) > version, { timeout: 10_000, message: 'update' });
    await poll(async () => ((await state(two.page))?.version ?? 0) > version, { timeout: 10_000, message: 'update 2' });
    const themes = () =>
      inPage<string>(
        page,
        `JSON.stringify([...document.querySelectorAll('[data-sop-theme], [data-sop-theme-override]')].map((el) => [el.outerHTML.slice(0, 80), el.sheet && el.sheet.disabled]))`,
      );
    assert.equal(await inPage(page, BACKGROUND), dark, `still dark after an update: ${await themes()}`);
    assert.equal(await inPage(two.page, BACKGROUND), before);

    // Back to the page's own theme: the override goes away.
    await button.click();
    await page.getByRole('radio', { name: 'default' }).check();
    await poll(async () => (await inPage(page, BACKGROUND)) === before, { timeout: 5000, message: 'default again' });
    assert.equal(await inPage(page, "document.querySelectorAll('[data-sop-theme-override]').length"), 0);
    assert.equal(one.navigations(), 0);
    assert.deepEqual(failed, [], 'every theme stylesheet loaded');
    assert.deepEqual(
      one.logs.filter((line) => line.startsWith('[pageerror]')),
      [],
    );
  });

  it('shows no menu on HTML we did not render, and serves offered theme names only', async () => {
    if (!examples) throw new Error('the examples are copied in before()');
    const url = await serve(join(examples.dir, 'plain.html'));
    const { page } = await openLive(url);
    assert.equal(await inPage(page, "Boolean(document.querySelector('sop-preview-badge'))"), true);
    assert.equal(await page.getByRole('button', { name: 'Theme' }).count(), 0);
    assert.equal(await inPage(page, "document.querySelectorAll('[data-sop-theme-override]').length"), 0);

    const dark = await fetch(new URL('/__preview/theme.css?name=dark', url));
    assert.equal(dark.status, 200);
    assert.match(dark.headers.get('content-type') ?? '', /^text\/css/);
    const css = await dark.text();
    assert.ok(css.length > 1000 && !css.includes('@import'), 'standalone CSS: the default theme it imports is inlined');
    for (const name of ['custom', '../package.json', '/etc/passwd', '']) {
      const refused = await fetch(new URL(`/__preview/theme.css?name=${encodeURIComponent(name)}`, url));
      assert.equal(refused.status, 404, `name ${JSON.stringify(name)}`);
    }
  });
});
