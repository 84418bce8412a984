/**
 * One small browser interface for tests, with an adapter per engine: Chromium (playwright-core),
 * Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK (WebKitWebDriver + MiniBrowser on
 * a private Xvfb display). All three are Debian's own builds; nothing downloads a browser.
 *
 * How to make a test run in every engine:
 *   1. Wrap the suite in `forEachEngine('title', (session) => { ... })` (from `engine-session.ts`)
 *      instead of `describe` + `previewSession()`. The body runs once per installed engine, as
 *      `title [chromium]`, `title [firefox]`, `title [webkit]`; servers go to `session.track()`.
 *   2. Open pages with `await session.open(url)` (an {@link EnginePage}) instead of `openTracked`.
 *   3. Replace Playwright calls: `page.evaluate(expression)` takes a string; the probes in
 *      `page-eval.ts` (`inPage`, `badge`, `textContent`, `inputValue`, `count`, `attribute`,
 *      `selectValues`) take any page; `click(selector)` takes CSS, with ` >>> ` to step into a
 *      shadow root (`'sop-preview-badge >>> button'`); `type(text)` and `press(key)` go to the
 *      focused element; `navigations()` and `logs()` are promises. A value the page returns as
 *      `undefined` may arrive as `null` (WebDriver), so probes return `null` for "none".
 *   4. Give polls generous timeouts: Firefox and WebKit are slower to start than Chromium.
 * Engines that are not installed are left out with one line in the output (see
 * `test/e2e/engines.test.ts`); under `CI=true` a missing engine fails the run instead.
 */

/** The engines the client is tested in. */
export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;

/** One engine's name. */
export type EngineName = (typeof ENGINES)[number];

/** A named key {@link EnginePage.press} understands. */
export type EngineKey = 'ArrowLeft' | 'ArrowRight' | 'Backspace' | 'Enter' | 'Tab';

/** One open page (a tab, or WebKit's one window). */
export interface EnginePage {
  /** The engine it runs in. */
  readonly engine: EngineName;
  /** Evaluates a JavaScript expression in the page and returns its (JSON-serialisable) value. */
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Clicks the element `selector` matches, as a user would; ` >>> ` steps into a shadow root. */
  click(selector: string): Promise<void>;
  /** Types `text` into the focused element, key by key. */
  type(text: string): Promise<void>;
  /** Presses and releases one named key. */
  press(key: EngineKey): Promise<void>;
  /** Sets the viewport (the page's `innerWidth` × `innerHeight`). */
  setViewport(width: number, height: number): Promise<void>;
  /** A PNG of the viewport. */
  screenshot(): Promise<Buffer>;
  /**
   * Main-frame navigations since the page opened. Chromium and Firefox count navigation events;
   * WebKit's driver has none, so it counts new documents seen between two reads (two reloads in
   * a row between reads count as one).
   */
  navigations(): Promise<number>;
  /**
   * What the page logged with `console`, newest last. WebKit's driver cannot read the console, so
   * there the adapter wraps `console` in each document once it has loaded; earlier lines are lost.
   */
  logs(): Promise<string[]>;
  /** Closes the page. */
  close(): Promise<void>;
}

/** A running browser. */
export interface EngineBrowser {
  /** Its engine. */
  readonly engine: EngineName;
  /** Product and version, e.g. `firefox/153.8.0`. */
  readonly version: string;
  /** Opens `url` in a new page (1000 × 700 unless given) and waits for its load event. */
  open(url: string, viewport?: { width: number; height: number }): Promise<EnginePage>;
  /** Closes every page and the browser, and waits until its processes (and driver, display) exited. */
  close(): Promise<void>;
}
