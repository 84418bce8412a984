/** The Chromium adapter of {@link EngineBrowser}: playwright-core driving Debian's Chromium. */
import { launchChromium } from './browser.js';
import type { EngineBrowser, EnginePage } from './engine.js';

/** Playwright pierces open shadow roots with plain CSS, so ` >>> ` is just a descendant step. */
const playwrightSelector = (selector: string): string => selector.replaceAll(' >>> ', ' ');

/** Launches headless Chromium behind the engine interface. */
export async function launchChromiumEngine(): Promise<EngineBrowser> {
  const browser = await launchChromium();
  return {
    engine: 'chromium',
    version: `chromium/${browser.version()}`,
    async open(url, viewport = { width: 1000, height: 700 }): Promise<EnginePage> {
      const page = await browser.newPage({ viewport });
      const logs: string[] = [];
      let navigations = 0;
      page.on('console', (message) => logs.push(`[console.${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => logs.push(`[pageerror] ${error.message}`));
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.goto(url);
      const initial = navigations;
      return {
        engine: 'chromium',
        evaluate: (expression) => page.evaluate(expression),
        click: (selector) => page.click(playwrightSelector(selector)),
        type: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key),
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        screenshot: () => page.screenshot(),
        navigations: async () => navigations - initial,
        logs: async () => [...logs],
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
