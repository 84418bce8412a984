/**
 * One way to drive the editor in tests: start `sop-preview edit` on a file, open its editor page
 * in Chromium, and read or type through what a user sees (CodeMirror's DOM, the preview iframe).
 */
import { after, before } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { type CliProcess, copyExamples, startCli } from '../cli/spawn-cli.js';
import { launchChromium } from '../helpers/browser.js';
import { poll } from '../helpers/poll.js';

/** What {@link editorSuite} gives a suite: one Chromium and a fresh copy of the examples. */
export interface EditorSuite {
  readonly browser: Browser;
  /** The examples folder copy. */
  readonly dir: string;
}

/** Call inside a `describe`: one Chromium and one examples copy for the suite, removed after it. */
export function editorSuite(): EditorSuite {
  let browser: Browser | undefined;
  let examples: { dir: string; cleanup: () => Promise<void> } | undefined;
  before(async () => {
    browser = await launchChromium();
    examples = await copyExamples();
  });
  after(async () => {
    await browser?.close();
    await examples?.cleanup();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('the browser starts in before(): use it inside a test');
      return browser;
    },
    get dir(): string {
      if (!examples) throw new Error('the examples are copied in before(): use them inside a test');
      return examples.dir;
    },
  };
}

/** A running editor: the CLI, the page, its console and the preview frame. */
export interface EditorRun {
  cli: CliProcess;
  page: Page;
  url: string;
  logs: string[];
  /** The preview iframe (the normal preview page). */
  preview(): Frame;
  /** Navigations of the preview frame after its first load. */
  previewNavigations(): number;
  /** Closes the page and stops the CLI; resolves with its exit code. */
  stop(): Promise<number | string>;
}

/** Starts `sop-preview edit <target> ...args` and opens the printed editor URL (plus `query`). */
export async function openEditor(
  browser: Browser,
  target: string,
  args: string[] = [],
  query = '',
): Promise<EditorRun> {
  const cli = startCli(['edit', target, '--port', '0', '--no-open', ...args]);
  const url = (await cli.waitForLine(/^Editor: (\S+)$/m)) + query;
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (message) => logs.push(`[console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame.parentFrame() === page.mainFrame()) navigations += 1;
  });
  await page.goto(url);
  await poll(() => page.locator('.cm-content').count(), { timeout: 10_000, message: 'the editor' });
  const preview = (): Frame => {
    const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
    if (!frame) throw new Error('no preview iframe');
    return frame;
  };
  await poll(() => preview().evaluate('Boolean(document.querySelector("[data-block]"))'), {
    timeout: 10_000,
    message: 'preview',
  });
  const initial = navigations;
  return {
    cli,
    page,
    url,
    logs,
    preview,
    previewNavigations: () => navigations - initial,
    async stop() {
      await page.close();
      return cli.stop();
    },
  };
}

/**
 * Puts the cursor on 1-based `line`, `column` with CodeMirror's "go to line" (Mod-Alt-g), which
 * takes `line:column` (End would stop at the end of a soft-wrapped row).
 */
export async function gotoLine(page: Page, line: number, column = 1): Promise<void> {
  await page.locator('.cm-content').focus();
  await page.keyboard.press('Control+Alt+g');
  const input = page.locator('.cm-panel input[name="line"]').first();
  // The dialog's column is an offset from the line start (0 = before the first character).
  await input.fill(`${line}:${column - 1}`);
  await input.press('Enter');
}

/** The 1-based line the cursor is on (CodeMirror's active-line gutter marker). */
export async function cursorLine(page: Page): Promise<number> {
  return Number(await page.locator('.cm-activeLineGutter').first().textContent());
}

/** The preview's visible text. */
export const previewText = (run: EditorRun): Promise<string> =>
  run.preview().evaluate('document.body.innerText') as Promise<string>;

/** The 1-based line of the first line of `source` containing `needle`. */
export function lineOf(source: string, needle: string): number {
  const index = source.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the source`);
  return index + 1;
}

/** The text of 1-based `line` of the buffer, read from the screen after moving the cursor there. */
export async function lineText(page: Page, line: number): Promise<string> {
  await gotoLine(page, line);
  return (await page.locator('.cm-activeLine').first().textContent()) ?? '';
}
