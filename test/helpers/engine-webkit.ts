/**
 * The WebKit adapter of {@link EngineBrowser}: Debian's WebKitWebDriver driving WebKitGTK's
 * MiniBrowser (`--automation`) on a private Xvfb display, through plain WebDriver HTTP calls.
 * Classic WebDriver has no events, so the console is read from a wrapper put into each document
 * and navigations are counted as new documents (see {@link EnginePage}).
 */
import { spawn } from 'node:child_process';
import { freePort } from '../../bench/lib/free-port.js';
import { stopChild } from './child-exit.js';
import type { EngineBrowser, EngineKey, EnginePage } from './engine.js';
import { descendants } from './process-tree.js';
import { ELEMENT_KEY, WEBDRIVER_KEYS, webdriverCall } from './webdriver-http.js';
import { startXvfb } from './xvfb.js';

/** Path of the driver; override with `WEBKIT_DRIVER_PATH`. */
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';

/** Path of MiniBrowser; override with `WEBKIT_BROWSER_PATH`. */
export const WEBKIT_BROWSER_PATH =
  process.env.WEBKIT_BROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Run in each document once: marks it (so a new document is noticed), and copies console lines
 * and uncaught errors into a list the adapter drains. Returns true when the document was new.
 */
const INSTRUMENT = `
  if (window.__engineDoc) return false;
  window.__engineDoc = true;
  const lines = (window.__engineLogs = []);
  const show = (value) => {
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch { return String(value); }
  };
  for (const level of ['log', 'debug', 'info', 'warn', 'error']) {
    const original = console[level];
    console[level] = function (...args) {
      lines.push('[console.' + level + '] ' + args.map(show).join(' '));
      return original.apply(this, args);
    };
  }
  window.addEventListener('error', (event) => lines.push('[pageerror] ' + event.message));
  return true;`;

/** Finds an element by CSS, stepping into shadow roots at each ` >>> `. */
const FIND = `
  let root = document;
  let found = null;
  for (const part of arguments[0].split(' >>> ')) {
    if (!root) return null;
    found = root.querySelector(part);
    if (!found) return null;
    root = found.shadowRoot;
  }
  return found;`;

/** Launches MiniBrowser behind the engine interface (Xvfb, driver, session). */
export async function launchWebKitEngine(): Promise<EngineBrowser> {
  const display = await startXvfb();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=local'], {
    env: { ...process.env, DISPLAY: display.display },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  driver.stderr?.resume();
  const base = `http://127.0.0.1:${port}`;
  const stopAll = async () => {
    // The driver's session may be gone already; its browser must not outlive it.
    const left = descendants(driver.pid).map((info) => info.pid);
    await stopChild(driver);
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await display.stop();
  };
  let session: string;
  let browserVersion: string;
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await webdriverCall(base, 'GET', '/status', undefined, 2000);
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer within 15 s: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const created = await webdriverCall<{ sessionId: string; capabilities: { browserVersion?: string } }>(
      base,
      'POST',
      '/session',
      {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': { binary: WEBKIT_BROWSER_PATH, args: ['--automation'] },
          },
        },
      },
      60_000,
    );
    session = created.sessionId;
    browserVersion = created.capabilities.browserVersion ?? 'unknown';
  } catch (error) {
    await stopAll();
    throw error;
  }

  const call = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs?: number) =>
    webdriverCall<T>(base, method, `/session/${session}${path}`, body, timeoutMs);
  const run = <T>(script: string, args: unknown[] = []) => call<T>('POST', '/execute/sync', { script, args });
  const keys = (values: string[]) =>
    call('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: values.flatMap((value) => [
            { type: 'keyDown', value },
            { type: 'keyUp', value },
          ]),
        },
      ],
    });

  // The session starts with one window; it serves the first page, and any page after the last closed.
  let spare: string | undefined = await call<string>('GET', '/window');
  let current = spare;
  const windows = new Set<string>();

  return {
    engine: 'webkit',
    version: `webkitgtk/${browserVersion}`,
    async open(url, viewport = { width: 1000, height: 700 }): Promise<EnginePage> {
      const handle = spare ?? (await call<{ handle: string }>('POST', '/window/new', { type: 'tab' })).handle;
      spare = undefined;
      windows.add(handle);
      const focus = async () => {
        if (current === handle) return;
        await call('POST', '/window', { handle });
        current = handle;
      };
      const logs: string[] = [];
      let documents = 0;
      /** Drains the console copy and notices a new document (instrumenting it). */
      const sync = async () => {
        await focus();
        try {
          const drained = await run<string[] | null>(
            'return window.__engineLogs ? window.__engineLogs.splice(0) : null',
          );
          if (drained) logs.push(...drained);
          if (await run<boolean>(INSTRUMENT)) documents += 1;
        } catch {
          // Mid-navigation there is no document to ask; the next read catches up.
        }
      };
      const page: EnginePage = {
        engine: 'webkit',
        async evaluate<T>(expression: string) {
          await focus();
          // Indirect eval: the expression may be several statements, like a script's completion value.
          return run<T>('return (0, eval)(arguments[0])', [expression]);
        },
        async click(selector) {
          await focus();
          const deadline = Date.now() + 5000;
          let element = await run<Record<string, string> | null>(FIND, [selector]);
          while (!element && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            element = await run<Record<string, string> | null>(FIND, [selector]);
          }
          if (!element) throw new Error(`no element matches ${selector}`);
          await call('POST', `/element/${element[ELEMENT_KEY]}/click`, {});
        },
        async type(text) {
          await focus();
          await keys([...text]);
        },
        async press(key: EngineKey) {
          await focus();
          await keys([WEBDRIVER_KEYS[key]]);
        },
        async setViewport(width, height) {
          await focus();
          // The window rect includes MiniBrowser's own frame: size it, measure, correct once.
          for (let attempt = 0; attempt < 3; attempt += 1) {
            const inner = await run<{ w: number; h: number }>('return { w: innerWidth, h: innerHeight }');
            if (inner.w === width && inner.h === height) return;
            const outer = await call<{ width: number; height: number }>('GET', '/window/rect');
            await call('POST', '/window/rect', {
              width: outer.width + width - inner.w,
              height: outer.height + height - inner.h,
            });
          }
        },
        async screenshot() {
          await focus();
          return Buffer.from(await call<string>('GET', '/screenshot'), 'base64');
        },
        async navigations() {
          await sync();
          return documents - 1;
        },
        async logs() {
          await sync();
          return [...logs];
        },
        async close() {
          windows.delete(handle);
          await focus();
          // Closing the last window would end the session: leave it blank instead.
          if (windows.size === 0) {
            await call('POST', '/url', { url: 'about:blank' });
            spare = handle;
          } else {
            await call('DELETE', '/window');
            current = '';
          }
        },
      };
      await focus();
      await call('POST', '/url', { url }, 60_000);
      await page.setViewport(viewport.width, viewport.height);
      await sync();
      return page;
    },
    async close() {
      try {
        await call('DELETE', '', undefined, 15_000);
      } finally {
        await stopAll();
      }
    },
  };
}
