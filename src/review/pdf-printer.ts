/**
 * Prints pages to PDF through the system Chromium (Debian's, found at `CHROMIUM_PATH` or
 * `/usr/bin/chromium`; never a downloaded one), driven by playwright-core. One browser serves a
 * whole build; the page's own `@page` rules decide size, margins and margin boxes.
 *
 * @packageDocumentation
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { PreviewError, PreviewErrorCode } from '../shared/error-codes.js';

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
 * playwright-core, loaded on first use (most commands never print). Through `require` rather
 * than `import()`: its two bundles are several megabytes of CommonJS, and an ESM import first
 * scans them for export names, a tenth of a second of a one-shot build spent before Chromium
 * can start.
 */
function loadPlaywright(): typeof import('playwright-core') {
  return createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
}

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
 * is laid out once, by `page.pdf()` (print media). Same pages, a good part of the print time
 * less. Our SOP pages qualify; a page that {@link NEEDS_SCREEN_LAYOUT} is printed as it is.
 */
function printOnly(html: string): string {
  if (NEEDS_SCREEN_LAYOUT.test(html)) return html;
  return html.replace(HEAD_START, (head) => `${head}<style>@media screen { html { display: none } }</style>`);
}

/** A running Chromium that turns HTML into PDF bytes. */
export class PdfPrinter {
  readonly #browser: Browser;
  /**
   * One offline page, reused for every document: a new context costs about half a second and a
   * new page a quarter, as much as printing a short SOP. `setContent` replaces the whole
   * document, so nothing of one SOP stays for the next.
   */
  #page: Promise<Page> | undefined;
  /** The print before this one: prints run one at a time on the one page. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(browser: Browser) {
    this.#browser = browser;
    this.#page = this.#openPage();
    // Not awaited here (it overlaps with whatever the caller does next); a failure surfaces at print().
    this.#page.catch(() => undefined);
  }

  async #openPage(): Promise<Page> {
    // No `emulateMedia('print')`: `page.pdf()` prints with print media anyway, and the screen
    // media is what lets print() skip the on-screen layout (see printOnly()).
    const context = await this.#browser.newContext({ offline: true });
    return context.newPage();
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
    const { chromium } = loadPlaywright();
    try {
      return new PdfPrinter(await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true }));
    } catch (error) {
      throw new PreviewError(
        PreviewErrorCode.NoChromium,
        `cannot print a PDF: Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
        { cause: error },
      );
    }
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
      const page = await opened;
      await page.setContent(printOnly(html), { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } catch (error) {
      // A crashed or closed page is not reused: the next document gets a fresh one.
      if (this.#page === opened) this.#page = undefined;
      await opened.then((page) => page.context().close()).catch(() => undefined);
      throw error;
    }
  }

  /** Stops Chromium. */
  async close(): Promise<void> {
    await this.#browser.close();
  }
}
