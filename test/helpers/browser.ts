/**
 * One headless Chromium per test file (Debian's, never a downloaded one), with pages that keep
 * their console for failure messages. Waiting is `poll()` from `poll.ts`.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/review/pdf-printer.js';

// The same flags as the product's own Chromium (no sandbox as root, no background traffic).
export { CHROMIUM_ARGS };

/** Path of the system Chromium; override with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = chromiumPath();

/**
 * The features playwright-core 1.65 turns off, and the two address-bar popups a headless
 * Chromium 156 loads for every new window (about 2 s of CPU each on a 2-core machine: per page a
 * test opens, taken from the server and the page under test). Chromium keeps only the last
 * `--disable-features`, so this list repeats playwright-core's own; a test checks that it still
 * does after an upgrade.
 */
export const TEST_BROWSER_DISABLED_FEATURES: readonly string[] = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
];

/** Launches headless Chromium. */
export function launchChromium(): Promise<Browser> {
  const features = `--disable-features=${TEST_BROWSER_DISABLED_FEATURES.join(',')}`;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, features], headless: true });
}

/** A page plus everything it logged and how often its main frame navigated. */
export interface TrackedPage {
  page: Page;
  /** Console messages and page errors, for assertion messages. */
  logs: string[];
  /** Main-frame navigations after the first load. */
  navigations(): number;
}

/** Opens `url` in a new page (of `viewport`, if given) and tracks its console and navigations. */
export async function openTracked(
  browser: Browser,
  url: string,
  viewport?: { width: number; height: number },
): Promise<TrackedPage> {
  const page = await browser.newPage(viewport ? { viewport } : {});
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
