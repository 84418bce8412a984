import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { launchChromium, openTracked, waitFor } from '../helpers/browser.js';

describe('dashboard in Chromium', () => {
  let browser: Browser;
  const server = new LivePreviewServer({ port: 0 });
  before(async () => {
    browser = await launchChromium();
    await server.start();
  });
  after(async () => {
    await browser?.close();
    await server.stop();
  });

  it('shows documents and follows changes live', async () => {
    server.updateContent('<html><body><p data-block="a">1</p></body></html>', { doc: 'lab/<b>ph</b>.html' });
    const { page, logs } = await openTracked(browser, new URL('__preview/dashboard', server.url).href);
    await waitFor(
      async () => (await page.textContent('#state')) === 'live',
      5000,
      `dashboard live; ${logs.join('\n')}`,
    );
    const names = await waitFor(
      async () => {
        const cells = await page.$$eval('#docs tr td:first-child', (tds) => tds.map((td) => td.textContent));
        return cells.length === 2 ? cells : undefined;
      },
      5000,
      'two documents listed',
    );
    assert.deepEqual(names, ['index', 'lab/<b>ph</b>.html']);
    assert.equal(await page.$('#docs b'), null);
    const { version } = server.updateContent('<html><body><p data-block="a">2</p></body></html>', {
      doc: 'lab/<b>ph</b>.html',
    });
    await waitFor(
      async () => (await page.$$eval('#docs tr:nth-child(2) td', (tds) => tds[1]?.textContent)) === String(version),
      5000,
      'new version shown',
    );
    assert.match((await page.textContent('#summary')) ?? '', /clients 0/);
    assert.deepEqual(
      logs.filter((line) => line.includes('error')),
      [],
    );
  });
});
