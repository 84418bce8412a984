/**
 * The Firefox adapter of {@link EngineBrowser}: puppeteer-core driving Debian's Firefox ESR
 * headless over WebDriver BiDi (stock Firefox speaks it; Playwright's Firefox would be a patched
 * download).
 */
import puppeteer, { type KeyInput } from 'puppeteer-core';
import { exited, stopChild } from './child-exit.js';
import type { EngineBrowser, EnginePage } from './engine.js';

/** Path of the system Firefox; override with `FIREFOX_PATH`. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Launches headless Firefox behind the engine interface. */
export async function launchFirefoxEngine(): Promise<EngineBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // No updates, telemetry or remote settings: loopback traffic only.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.connectivity-service.enabled': false,
      'services.settings.server': 'http://127.0.0.1:9/',
    },
  });
  const version = await browser.version();
  return {
    engine: 'firefox',
    version,
    async open(url, viewport = { width: 1000, height: 700 }): Promise<EnginePage> {
      const page = await browser.newPage();
      await page.setViewport(viewport);
      const logs: string[] = [];
      let navigations = 0;
      page.on('console', (message) => logs.push(`[console.${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => logs.push(`[pageerror] ${String(error)}`));
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.goto(url);
      const initial = navigations;
      return {
        engine: 'firefox',
        evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
        click: (selector) => page.click(selector),
        type: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key as KeyInput),
        setViewport: (width, height) => page.setViewport({ width, height }),
        screenshot: async () => Buffer.from(await page.screenshot()),
        navigations: async () => navigations - initial,
        logs: async () => [...logs],
        close: () => page.close(),
      };
    },
    async close() {
      const child = browser.process();
      await browser.close();
      // close() resolves when the session ends; the process may still be shutting down.
      if (child && !(await exited(child, 10_000))) await stopChild(child);
    },
  };
}
