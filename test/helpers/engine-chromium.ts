/** The Chromium adapter of {@link EngineBrowser}: playwright-core driving Debian's Chromium. */
import { launchChromium, openTracked } from './browser.js';
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
      const { page, logs, navigations } = await openTracked(browser, url, viewport);
      return {
        engine: 'chromium',
        evaluate: (expression) => page.evaluate(expression),
        click: (selector) => page.click(playwrightSelector(selector)),
        type: (text) => page.keyboard.type(text),
        press: (key) => page.keyboard.press(key),
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        screenshot: () => page.screenshot(),
        navigations: async () => navigations(),
        logs: async () => [...logs],
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
