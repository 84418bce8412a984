/**
 * `PdfPrinter` drives the system Chromium over the DevTools pipe: one page prints document after
 * document without carrying anything over, the page is offline, and a Chromium that will not
 * start gives a clear error and leaves nothing behind.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PdfPrinter } from '../../src/review/pdf-printer.js';
import { PreviewError, PreviewErrorCode } from '../../src/shared/error-codes.js';

/** The text `pdftotext` (poppler-utils) reads from `pdf`. */
async function textOf(dir: string, name: string, pdf: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** Processes whose command line names `text` (Linux `/proc`). */
async function processesNaming(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const commandLine = await readFile(join('/proc', pid, 'cmdline'), 'utf8').catch(() => '');
    if (commandLine.includes(text)) found.push(pid);
  }
  return found;
}

/** Profile folders of printers in the temporary folder. */
async function profiles(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('sop-preview-chromium-'));
}

describe('PdfPrinter', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sop-preview-printer-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('prints one document after another on one page, each alone, offline, and removes its profile', async () => {
    const before = await profiles();
    const printer = await PdfPrinter.launch();
    const [profile] = (await profiles()).filter((name) => !before.includes(name));
    assert.ok(profile, 'the printer has a profile folder of its own');
    assert.notDeepEqual(await processesNaming(profile), [], 'its browser runs with that profile');
    try {
      const page = (body: string) =>
        `<!doctype html><html><head><style>@page { size: A5; margin: 1cm }</style></head><body>${body}</body></html>`;
      const first = await printer.print(page('<h1>First procedure</h1>'));
      assert.equal(first.subarray(0, 5).toString(), '%PDF-');
      // The page is offline: an image on a server that answers is not fetched.
      const requests: string[] = [];
      const server = createServer((request, response) => {
        requests.push(request.url ?? '');
        response.end();
      });
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
      const { port } = server.address() as AddressInfo;
      let second: Buffer;
      try {
        second = await printer.print(
          page(`<h1>Second procedure</h1><img src="http://127.0.0.1:${port}/logo.png" alt="logo">`),
        );
      } finally {
        server.close();
      }
      assert.deepEqual(requests, [], 'nothing was fetched');
      const [one, two] = await Promise.all([textOf(dir, 'one.pdf', first), textOf(dir, 'two.pdf', second)]);
      assert.match(one, /First procedure/);
      assert.match(two, /Second procedure/);
      assert.doesNotMatch(two, /First procedure/, 'nothing of the first document stays');
      // Concurrent calls take turns on the one page.
      const [a, b] = await Promise.all([printer.print(page('<p>Alpha</p>')), printer.print(page('<p>Beta</p>'))]);
      assert.match(await textOf(dir, 'a.pdf', a), /Alpha/);
      assert.match(await textOf(dir, 'b.pdf', b), /Beta/);
    } finally {
      await printer.close();
    }
    assert.deepEqual(await profiles(), before, 'the profile folder is removed on close');
    assert.deepEqual(await processesNaming(profile), [], 'no process of the browser is left');
  });

  it('a Chromium that will not start: PREVIEW_ERR_NO_CHROMIUM with what it said, and no profile left', async () => {
    const fake = join(dir, 'broken-chromium');
    await writeFile(fake, "#!/bin/sh\necho 'Missing X server or $DISPLAY' >&2\nexit 1\n");
    await chmod(fake, 0o755);
    const before = await profiles();
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = fake;
    try {
      await assert.rejects(PdfPrinter.launch(), (error: unknown) => {
        assert.ok(error instanceof PreviewError);
        assert.equal(error.code, PreviewErrorCode.NoChromium);
        assert.match(error.message, /did not start: Missing X server or \$DISPLAY$/);
        return true;
      });
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    assert.deepEqual(await profiles(), before);
  });
});
