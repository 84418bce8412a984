/**
 * One headless Chromium per test file (Debian's, never a downloaded one), with pages that keep
 * their console for failure messages. Waiting is `poll()` from `poll.ts`.
 */
import { type Browser, chromium, type Page } from 'playwright-core';

/** Flags for Chromium in this sandbox: no sandbox as root, and no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Path of the system Chromium; override with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A page plus everything it logged and how often its main frame navigated. */
export interface TrackedPage {
  page: Page;
  /** Console messages and page errors, for assertion messages. */
  logs: string[];
  /** Main-frame navigations after the first load. */
  navigations(): number;
}

/** Opens `url` in a new page and tracks its console and navigations. */
export async function openTracked(browser: Browser, url: string): Promise<TrackedPage> {
  const page = await browser.newPage();
  const logs: string[] = [];
  let navigations = 0;
  page.on('console', (message) => logs.push(`[console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations += 1;
  });
  await page.goto(url);
  const initial = navigations;
  return { page, logs, navigations: () => navigations - initial };
}
