/**
 * LAN mode, rehearsed on the loopback alias 127.0.0.2 with `--require-token` (never a real
 * network address): a request without the token is refused; `?token=` is served and sets a
 * cookie that later requests use; a page opened from the printed URL stays live.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type CliProcess, copyExamples, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked } from '../helpers/browser.js';
import { bodyText } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

describe('LAN mode (CLI on a loopback alias)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let cli: CliProcess;
  let local: string;
  let network: string;

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    cli = startCli([
      join(examples.dir, 'plain.html'),
      '--host',
      '127.0.0.2',
      '--require-token',
      '--port',
      '0',
      '--no-open',
    ]);
    local = await cli.waitForLine(/^Local: (\S+)$/m);
    network = await cli.waitForLine(/^Network: (\S+)$/m);
  });
  after(async () => {
    await browser?.close();
    if (cli) assert.equal(await cli.stop(), 0, cli.stderr());
    await examples?.cleanup();
  });

  it('prints the address it binds and a URL carrying the token', async () => {
    assert.match(local, /^http:\/\/127\.0\.0\.2:\d+\/$/);
    assert.ok(network.startsWith(local));
    assert.match(network, /\?token=[^&\s]+$/);
    // A terminal QR code of that URL follows it: rows of block characters.
    await cli.waitForLine(/^Press Ctrl\+C to stop\.$/m);
    const afterNetwork = cli.stdout().slice(cli.stdout().indexOf('Network:'));
    assert.ok(afterNetwork.split('\n').filter((line) => /^[ ▀▄█]{20,}$/.test(line)).length >= 10, afterNetwork);
  });

  it('refuses requests without the token, serves them with it, then by cookie', async () => {
    const bare = await fetch(local, { redirect: 'manual' });
    assert.ok(bare.status === 401 || bare.status === 403, `status ${bare.status}`);
    assert.doesNotMatch(await bare.text(), /Shift handover board/);
    const wrong = await fetch(`${local}?token=wrong`, { redirect: 'manual' });
    assert.ok(wrong.status === 401 || wrong.status === 403);

    const withToken = await fetch(network, { redirect: 'manual' });
    const cookie = withToken.headers.get('set-cookie');
    const body = withToken.status >= 300 && withToken.status < 400 ? '' : await withToken.text();
    assert.ok(
      withToken.status === 200 || (withToken.status >= 300 && withToken.status < 400),
      `status ${withToken.status}`,
    );
    if (withToken.status === 200) assert.match(body, /Shift handover board/);
    assert.ok(cookie, 'a cookie is set after the first visit with ?token=');
    const byCookie = await fetch(local, { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(byCookie.status, 200);
    assert.match(await byCookie.text(), /Shift handover board/);
  });

  it('keeps a page opened from the printed URL live', async () => {
    const tracked = await openTracked(browser, network);
    const text = (): Promise<string> => bodyText(tracked.page);
    assert.match(await text(), /Shift handover board/);
    const path = join(examples.dir, 'plain.html');
    const marker = `lan-edit-${Date.now()}`;
    await writeFile(path, (await readFile(path, 'utf8')).replace('Running batch', `${marker} Running batch`));
    await poll(async () => (await text()).includes(marker), { timeout: 5000, message: 'update over the LAN URL' });
    await tracked.page.close();
  });
});
