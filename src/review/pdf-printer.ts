/**
 * Prints pages to PDF through the system Chromium (Debian's, found at `CHROMIUM_PATH` or
 * `/usr/bin/chromium`; never a downloaded one), driven over the DevTools protocol on a pipe
 * (`cdp-pipe.ts`). One browser serves a whole build; the page's own `@page` rules decide size,
 * margins and margin boxes.
 *
 * @packageDocumentation
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';
import { CdpPipe } from './cdp-pipe.js';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's path. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Flags for a headless, offline Chromium (no sandbox: builds often run as root in containers). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * What a headless Chromium (156) starts for a window it never shows, taking CPU from the print
 * and, on a 2-core machine, from the document's render in Node: the address bar's two
 * suggestion popups (script-heavy pages, their load fell on the first print: 1.1 s → 0.6 s for
 * 48 pages once off) and a spare renderer kept for the next tab (a new tab here starts its own).
 * Unknown names are ignored, so an older or newer Chromium takes the flag as well.
 */
const UNUSED_FEATURES = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess';

/** The first `<head>` start tag: where {@link printOnly} puts its rule. */
const HEAD_START = /<head(?:\s[^>]*)?>/i;

/**
 * What keeps a page from being hidden on screen: its own fonts (`@font-face`: a font is only
 * fetched for text that is laid out, and the 'load' wait covers it only then) and scripts (a
 * chart or diagram sizes itself from the layout while the page loads).
 */
const NEEDS_SCREEN_LAYOUT = /@font-face|<script/i;

/**
 * `html` with a rule that hides it on screen. Chromium otherwise lays the whole document out
 * for the page's viewport as soon as it loads, and then again for the paper: hidden on screen it
 * is laid out once, by the print (print media). Same pages, a good part of the print time
 * less. Our SOP pages qualify; a page that {@link NEEDS_SCREEN_LAYOUT} is printed as it is.
 */
function printOnly(html: string): string {
  if (NEEDS_SCREEN_LAYOUT.test(html)) return html;
  return html.replace(HEAD_START, (head) => `${head}<style>@media screen { html { display: none } }</style>`);
}

/** How much of what Chromium wrote to stderr is kept (its end), for the error when it will not start. */
const STDERR_KEPT = 4_000;

/**
 * Paper and margins as a browser-automation library sends them: the page's `@page` rules
 * (`preferCSSPageSize`) decide size and margins; an untagged PDF without an outline, as before.
 */
const PRINT_PARAMETERS = {
  printBackground: true,
  preferCSSPageSize: true,
  paperWidth: 8.5,
  paperHeight: 11,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  scale: 1,
  landscape: false,
  displayHeaderFooter: false,
  generateTaggedPDF: false,
  generateDocumentOutline: false,
  transferMode: 'ReturnAsStream',
} as const;

/** A running Chromium that turns HTML into PDF bytes. */
export class PdfPrinter {
  readonly #chromium: ChildProcess;
  readonly #cdp: CdpPipe;
  /** The browser's profile folder, removed when it has closed. */
  readonly #profile: string;
  readonly #exited: Promise<void>;
  /**
   * The session of the one page every document is printed in: the tab Chromium opens at its start
   * (its renderer starts with the browser; a new page cost half a second more). Offline, so a
   * page's remote references fail at once. `Page.setDocumentContent` replaces the whole document,
   * so nothing of one SOP stays for the next.
   */
  #page: Promise<{ session: string; frame: string }> | undefined;
  /** The print before this one: prints run one at a time on the one page. */
  #queue: Promise<unknown> = Promise.resolve();
  /** A print failed in the page: the next one opens a new tab rather than reuse it. */
  #newTab = false;

  private constructor(chromium: ChildProcess, cdp: CdpPipe, profile: string, exited: Promise<void>) {
    this.#chromium = chromium;
    this.#cdp = cdp;
    this.#profile = profile;
    this.#exited = exited;
  }

  /** Starts Chromium; rejects with `PREVIEW_ERR_NO_CHROMIUM` when it is not there or will not start. */
  static async launch(): Promise<PdfPrinter> {
    const executablePath = chromiumPath();
    const missing = `cannot print a PDF: no Chromium at ${executablePath}. Install it (Debian: apt install chromium) or set CHROMIUM_PATH to its executable`;
    try {
      await access(executablePath, constants.X_OK);
    } catch (error) {
      throw new PreviewError(PreviewErrorCode.NoChromium, missing, { cause: error });
    }
    const profile = await mkdtemp(join(tmpdir(), 'sop-preview-chromium-'));
    const args = [
      ...CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      '--hide-scrollbars',
      '--mute-audio',
      UNUSED_FEATURES,
      'about:blank',
    ];
    const chromium = spawn(executablePath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let stderr = '';
    chromium.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    const cdp = new CdpPipe(chromium.stdio[3] as Writable, chromium.stdio[4] as Readable);
    // 'close', not 'exit': by then its stderr has been read to the end, for the error below.
    const exited = new Promise<void>((resolve) => {
      chromium.once('close', () => resolve());
      chromium.once('error', (error) => {
        cdp.fail(error);
        resolve();
      });
    });
    const printer = new PdfPrinter(chromium, cdp, profile, exited);
    try {
      // The first answer says the browser is up; one that exits or fails to spawn fails it.
      await cdp.send('Browser.getVersion');
    } catch (error) {
      await printer.close();
      const said = stderr.trim().split('\n').at(-1) ?? '';
      throw new PreviewError(
        PreviewErrorCode.NoChromium,
        `cannot print a PDF: Chromium at ${executablePath} did not start: ${said || (error as Error).message}`,
        { cause: error },
      );
    }
    printer.#page = printer.#openPage();
    // Not awaited here (it overlaps with whatever the caller does next); a failure surfaces at print().
    printer.#page.catch(() => undefined);
    return printer;
  }

  async #openPage(): Promise<{ session: string; frame: string }> {
    const { targetInfos } = await this.#cdp.send<{ targetInfos: { targetId: string; type: string }[] }>(
      'Target.getTargets',
    );
    const tab = this.#newTab ? undefined : targetInfos.find((target) => target.type === 'page');
    this.#newTab = false;
    const targetId =
      tab?.targetId ??
      (await this.#cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })).targetId;
    const { sessionId: session } = await this.#cdp.send<{ sessionId: string }>('Target.attachToTarget', {
      targetId,
      flatten: true,
    });
    await this.#cdp.send('Network.enable', {}, session);
    await this.#cdp.send(
      'Network.emulateNetworkConditions',
      { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
      session,
    );
    const { frameTree } = await this.#cdp.send<{ frameTree: { frame: { id: string } } }>(
      'Page.getFrameTree',
      {},
      session,
    );
    return { session, frame: frameTree.frame.id };
  }

  /**
   * Prints a complete, self-contained page (images embedded: nothing is fetched) with its CSS
   * page size and margin boxes, backgrounds included. Concurrent calls wait their turn.
   */
  print(html: string): Promise<Buffer> {
    const printed = this.#queue.then(() => this.#printNow(html));
    this.#queue = printed.catch(() => undefined);
    return printed;
  }

  async #printNow(html: string): Promise<Buffer> {
    this.#page ??= this.#openPage();
    const opened = this.#page;
    try {
      const { session, frame } = await opened;
      await this.#cdp.send('Page.setDocumentContent', { frameId: frame, html: printOnly(html) }, session);
      // As a page load would: stylesheets and images (data URLs) are in before printing.
      await this.#cdp.send(
        'Runtime.evaluate',
        {
          expression:
            "new Promise((done) => document.readyState === 'complete' ? done() : addEventListener('load', () => done(), { once: true }))",
          awaitPromise: true,
        },
        session,
      );
      const { stream } = await this.#cdp.send<{ stream: string }>('Page.printToPDF', PRINT_PARAMETERS, session);
      return await this.#readStream(stream, session);
    } catch (error) {
      // A crashed page is not reused: the next document gets a fresh one.
      if (this.#page === opened) {
        this.#page = undefined;
        this.#newTab = true;
      }
      throw error;
    }
  }

  /** The bytes of a protocol stream of the page's `session`, read to its end and closed. */
  async #readStream(stream: string, session: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    try {
      for (;;) {
        const read = await this.#cdp.send<{ data: string; base64Encoded?: boolean; eof: boolean }>(
          'IO.read',
          { handle: stream, size: 8 * 1024 * 1024 },
          session,
        );
        chunks.push(Buffer.from(read.data, read.base64Encoded ? 'base64' : 'utf8'));
        if (read.eof) return Buffer.concat(chunks);
      }
    } finally {
      this.#cdp.send('IO.close', { handle: stream }, session).catch(() => undefined);
    }
  }

  /**
   * Stops Chromium and removes its profile. The browser is killed, not asked to close: its
   * profile is thrown away, so it has nothing to save, and the polite close took 0.1–0.2 s more
   * (a one-file build waits for it). Its other processes end as they lose the browser; 'close'
   * waits for them too, since they share its stderr.
   */
  async close(): Promise<void> {
    if (this.#chromium.exitCode === null && this.#chromium.signalCode === null) this.#chromium.kill('SIGKILL');
    await this.#exited;
    this.#cdp.fail(new Error('the browser was closed'));
    // Retried: a process of the killed browser may still be writing there as it ends.
    await rm(this.#profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}
