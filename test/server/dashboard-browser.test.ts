import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { poll } from '../helpers/poll.js';

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

  it('serves its script as a bundle, not inline', async () => {
    const html = await (await fetch(new URL('__preview/dashboard', server.url))).text();
    const inline = [...html.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)].filter(
      ([, attrs, body]) => body?.trim() && !attrs?.includes('application/json'),
    );
    assert.deepEqual(inline, [], 'no executable inline script');
    const script = await fetch(new URL('__preview/dashboard.js', server.url));
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.ok((await script.text()).length > 500);
  });

  it('shows documents and follows changes live', async () => {
    server.updateContent('<html><body><p data-block="a">1</p></body></html>', { doc: 'lab/<b>ph</b>.html' });
    const { page, logs } = await openTracked(browser, new URL('__preview/dashboard', server.url).href);
    await poll(async () => (await page.textContent('#state')) === 'live', {
      timeout: 5000,
      message: `dashboard live; ${logs.join('\n')}`,
    });
    const names = await poll(
      async () => {
        const cells = await page.$$eval('#docs tr td:first-child', (tds) => tds.map((td) => td.textContent));
        return cells.length === 2 ? cells : undefined;
      },
      { timeout: 5000, message: 'two documents listed' },
    );
    assert.deepEqual(names, ['index', 'lab/<b>ph</b>.html']);
    assert.equal(await page.$('#docs b'), null);
    const { version } = server.updateContent('<html><body><p data-block="a">2</p></body></html>', {
      doc: 'lab/<b>ph</b>.html',
    });
    await poll(
      async () => (await page.$$eval('#docs tr:nth-child(2) td', (tds) => tds[1]?.textContent)) === String(version),
      { timeout: 5000, message: 'new version shown' },
    );
    assert.match((await page.textContent('#summary')) ?? '', /clients 0/);
    assert.deepEqual(
      logs.filter((line) => line.includes('error')),
      [],
    );
    await page.close();
  });

  it('shows a connected preview and charts its applied latency after an edit', async () => {
    const sop = (text: string): string =>
      `<!doctype html><html><head><title>sop</title></head><body><main><section data-block="s1"><p id="step">${text}</p>` +
      `</section><section data-block="s2"><p>${'unchanged step text '.repeat(30)}</p></section></main></body></html>`;
    server.updateContent(sop('weigh 5 g'), { doc: 'sop.html' });
    const preview = await openTracked(browser, new URL('sop.html', server.url).href);
    const dashboard = await openTracked(browser, new URL('__preview/dashboard', server.url).href);
    const { page } = dashboard;
    const failure = (): string => [...preview.logs, ...dashboard.logs].join('\n');

    // Exactly one client: the preview page (the dashboard itself is not a viewer).
    const clientRow = await poll(
      async () => {
        const rows = await page.$$eval('#clients tr', (trs) =>
          trs.map((tr) => [...tr.children].map((td) => td.textContent)),
        );
        return rows.length === 1 ? rows[0] : undefined;
      },
      { timeout: 5000, message: `one client listed; ${failure()}` },
    );
    assert.equal(clientRow?.[1], 'sop.html');
    assert.match((await page.textContent('#summary')) ?? '', /clients 1 /);
    const barsBefore = await page.$$eval('#chart rect.bar', (rects) => rects.length);

    const { version } = server.updateContent(sop('weigh 7 g'), { doc: 'sop.html' });
    await poll(async () => (await preview.page.textContent('#step')) === 'weigh 7 g', {
      timeout: 5000,
      message: `preview morphed; ${failure()}`,
    });
    assert.equal(preview.navigations(), 0, 'the preview morphed instead of reloading');

    // The real client's ack gives the update a median latency, which the chart draws as a bar.
    const bar = await poll(
      async () => {
        const versions = await page.$$eval('#chart rect.bar[data-doc="sop.html"]', (rects) =>
          rects.map((rect) => rect.getAttribute('data-version')),
        );
        return versions.includes(String(version)) ? versions : undefined;
      },
      { timeout: 5000, message: `a chart bar for v${version}; ${failure()}` },
    );
    assert.ok(bar);
    assert.equal(await page.$$eval('#chart rect.bar', (rects) => rects.length), barsBefore + 1);
    const height = Number(await page.getAttribute(`#chart rect.bar[data-version="${version}"]`, 'height'));
    assert.ok(height >= 1, `bar height ${height}`);

    // Newest first: the recent-updates table leads with the new version, sent to one client, acked once.
    const recent = await poll(
      async () => {
        const cells = await page.$$eval('#recent tr:first-child td', (tds) => tds.map((td) => td.textContent));
        return cells[2] === String(version) && cells[6] === '1' ? cells : undefined;
      },
      { timeout: 5000, message: `recent updates lead with v${version}; ${failure()}` },
    );
    assert.deepEqual([recent?.[1], recent?.[3], recent?.[5]], ['sop.html', 'patch', '1']);
    assert.match(recent?.[7] ?? '', /^\d+\.\d$/);
    // The client row shows the acked version too, and the histogram counted the report.
    await poll(async () => (await page.$$eval('#clients tr td', (tds) => tds[3]?.textContent)) === String(version), {
      timeout: 5000,
      message: 'client row shows the applied version',
    });
    const histogramTotal = await page.$$eval('#histogram rect.bar', (rects) =>
      rects.reduce((sum, rect) => sum + Number(/: (\d+)$/.exec(rect.textContent ?? '')?.[1] ?? 0), 0),
    );
    assert.equal(histogramTotal, server.stats().appliedLatency.count);
    // The preview page has no favicon, so only its script errors count; the dashboard has none at all.
    assert.deepEqual(
      [
        ...preview.logs.filter((line) => line.startsWith('[pageerror]')),
        ...dashboard.logs.filter((line) => /error/i.test(line)),
      ],
      [],
    );
    await Promise.all([preview.page.close(), page.close()]);
  });
});
