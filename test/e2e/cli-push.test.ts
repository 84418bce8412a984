/**
 * The push API through the CLI (`serve --push`): a correct token updates open pages; a missing or
 * wrong token is refused with 401 and changes nothing; cross-site requests get 403; a 25 MB body
 * gets 413. The `push` command and the Python package drive the same endpoint; `/__preview/error`
 * shows and clears the overlay; `--exit-with-stdin` ties the CLI's life to its parent's.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { type CliProcess, copyExamples, outputEnded, ROOT, runCli, startCli } from '../cli/spawn-cli.js';
import { launchChromium, openTracked, type TrackedPage } from '../helpers/browser.js';
import { bodyText, overlayText } from '../helpers/page-eval.js';
import { poll } from '../helpers/poll.js';

const TOKEN = 'push-test-token-0123456789';
const doc = (text: string): string =>
  `<!doctype html><html><head><title>p</title></head><body><p>${text}</p></body></html>`;

describe('push API (CLI serve --push)', () => {
  let browser: Browser;
  let examples: { dir: string; cleanup: () => Promise<void> };
  let cli: CliProcess;
  let url: string;
  let tracked: TrackedPage;
  const put = (body: string | Buffer, headers: Record<string, string>): Promise<Response> =>
    fetch(new URL('/__preview/content', url), {
      method: 'PUT',
      body,
      headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
    });

  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
    cli = startCli([join(examples.dir, 'plain.html'), '--push', '--port', '0', '--no-open'], {
      env: { SOP_PREVIEW_TOKEN: TOKEN },
    });
    url = await cli.waitForLine(/^Local: (\S+)$/m);
    tracked = await openTracked(browser, url);
  });
  after(async () => {
    await browser?.close();
    if (cli) assert.equal(await cli.stop(), 0, cli.stderr());
    await examples?.cleanup();
  });

  it('prints the push endpoint and the token from SOP_PREVIEW_TOKEN', () => {
    assert.match(cli.stdout(), /^Push: PUT http:\/\/127\.0\.0\.1:\d+\/__preview\/content/m);
    assert.match(cli.stdout(), new RegExp(`^Token: ${TOKEN}$`, 'm'));
  });

  it('updates open pages with the correct token and answers the version', async () => {
    const response = await put(doc('pushed-one'), { authorization: `Bearer ${TOKEN}` });
    assert.equal(response.status, 200);
    const { version } = (await response.json()) as { version: number };
    assert.ok(Number.isInteger(version) && version > 0);
    await poll(async () => (await bodyText(tracked.page)).includes('pushed-one'), {
      timeout: 5000,
      message: 'pushed content',
    });
    assert.equal(tracked.navigations(), 0);
  });

  it('refuses a missing or wrong token with 401 and leaves the document unchanged', async () => {
    const before = await (await fetch(url)).text();
    assert.equal((await put(doc('sneaky'), {})).status, 401);
    assert.equal((await put(doc('sneaky'), { authorization: 'Bearer wrong-token' })).status, 401);
    assert.equal(await (await fetch(url)).text(), before);
    assert.ok(!(await bodyText(tracked.page)).includes('sneaky'));
  });

  it('refuses cross-site requests with 403', async () => {
    const response = await put(doc('cross'), { authorization: `Bearer ${TOKEN}`, 'sec-fetch-site': 'cross-site' });
    assert.equal(response.status, 403);
    assert.ok(!(await (await fetch(url)).text()).includes('cross'));
  });

  it('answers a 25 MB body with 413', async () => {
    // node:http rather than fetch: the server answers from the declared length and closes; a
    // client that is already streaming the body then sees a reset instead of the answer. So send
    // the headers, and the body only if no answer came (it must come).
    const total = 25 * 1024 * 1024;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL('/__preview/content', url), {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/html', 'content-length': total },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error) => {
        if (!answered) reject(error);
      });
      req.flushHeaders();
      setTimeout(() => {
        if (!answered) req.end(Buffer.alloc(total, 'a'));
      }, 2000);
    });
    assert.equal(status, 413);
    assert.ok(!(await (await fetch(url)).text()).includes('aaaaaaaaaa'));
  });

  it('the push command sends a file and prints the version', async () => {
    const file = join(examples.dir, 'pushed.html');
    await writeFile(file, doc('from-the-push-command'));
    const result = await runCli(['push', file, '--url', url, '--token', TOKEN]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^version \d+$/m);
    await poll(async () => (await bodyText(tracked.page)).includes('from-the-push-command'), {
      timeout: 5000,
      message: 'command push',
    });
    const refused = await runCli(['push', '-', '--url', url, '--token', 'nope'], { input: doc('x') });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /401/);
  });

  it('the Python package (`python -m sop_preview`, standard library only) drives a real server', async () => {
    const file = join(examples.dir, 'from-python.html');
    await writeFile(file, doc('from-python-package'));
    const python = spawn('python3', ['-m', 'sop_preview', file, '--url', url], {
      env: { ...process.env, SOP_PREVIEW_TOKEN: TOKEN, PYTHONPATH: join(ROOT, 'python') },
    });
    let out = '';
    let err = '';
    python.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    python.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await outputEnded(python);
    assert.equal(code, 0, err);
    assert.match(out, /^version \d+$/m);
    await poll(async () => (await bodyText(tracked.page)).includes('from-python-package'), {
      timeout: 5000,
      message: 'python push',
    });
    assert.equal(tracked.navigations(), 0, tracked.logs.join('\n'));
  });

  it('PUT /__preview/error shows the overlay over the last good render; DELETE clears it', async () => {
    const errorUrl = new URL('/__preview/error', url);
    const send = (method: string, body: string | undefined, token = TOKEN): Promise<Response> =>
      fetch(errorUrl, {
        method,
        ...(body === undefined ? {} : { body }),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      });
    const before = await bodyText(tracked.page);
    assert.equal((await send('PUT', JSON.stringify({ code: 'X', message: 'sneaky' }), 'wrong-token')).status, 401);
    assert.equal((await send('PUT', '{"message": 1}')).status, 400);
    assert.equal((await send('PUT', 'not json')).status, 400);
    const shown = await send('PUT', JSON.stringify({ code: 'PREVIEW_ERR_RENDER', message: 'pushed failure', line: 4 }));
    assert.equal(shown.status, 200);
    await poll(async () => (await overlayText(tracked.page))?.includes('pushed failure'), {
      timeout: 5000,
      message: 'overlay',
    });
    assert.equal(await bodyText(tracked.page), before);
    assert.equal((await send('DELETE', undefined)).status, 200);
    await poll(async () => (await overlayText(tracked.page)) === undefined, {
      timeout: 5000,
      message: 'overlay cleared',
    });
    assert.equal(tracked.navigations(), 0, tracked.logs.join('\n'));
  });

  it('--exit-with-stdin stops the CLI when its standard input closes, and only with the flag', async () => {
    const flagged = startCli([join(examples.dir, 'plain.html'), '--push', '--port', '0', '--exit-with-stdin']);
    const plain = startCli([join(examples.dir, 'plain.html'), '--port', '0']);
    try {
      await flagged.waitForLine(/^Local: (\S+)$/m);
      await plain.waitForLine(/^Local: (\S+)$/m);
      flagged.child.stdin?.end();
      plain.child.stdin?.end();
      assert.equal(await flagged.exited, 0, flagged.stderr());
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(plain.child.exitCode, null, 'the CLI without the flag must keep running');
    } finally {
      await flagged.stop();
      assert.equal(await plain.stop(), 0, plain.stderr());
    }
  });
});
