/**
 * Which engines this machine can run, and launching one by name. A missing engine's tests are
 * skipped in a local run (reported as skipped, with the reason), but under `CI=true` every engine
 * is required.
 */
import { accessSync, constants } from 'node:fs';
import { CHROMIUM_PATH } from './browser.js';
import { ENGINES, type EngineBrowser, type EngineName } from './engine.js';
import { launchChromiumEngine } from './engine-chromium.js';
import { FIREFOX_PATH, launchFirefoxEngine } from './engine-firefox.js';
import { launchWebKitEngine, WEBKIT_BROWSER_PATH, WEBKIT_DRIVER_PATH } from './engine-webkit.js';
import { XVFB_PATH } from './xvfb.js';

/** The programs each engine needs. */
const NEEDS: Record<EngineName, readonly string[]> = {
  chromium: [CHROMIUM_PATH],
  firefox: [FIREFOX_PATH],
  webkit: [WEBKIT_DRIVER_PATH, WEBKIT_BROWSER_PATH, XVFB_PATH],
};

const LAUNCH: Record<EngineName, () => Promise<EngineBrowser>> = {
  chromium: launchChromiumEngine,
  firefox: launchFirefoxEngine,
  webkit: launchWebKitEngine,
};

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** True on CI, where a missing engine is an error rather than a skip. */
export const REQUIRE_ALL_ENGINES = process.env.CI === 'true';

/** Why `engine` cannot run here (its missing programs), or undefined when it can. */
export function engineMissing(engine: EngineName): string | undefined {
  const missing = NEEDS[engine].filter((path) => !executable(path));
  return missing.length === 0
    ? undefined
    : `missing ${missing.join(', ')} (bash scripts/ensure-browsers.sh installs it)`;
}

/**
 * Why a local run leaves `engine` out (`TEST_ENGINES=firefox,webkit` narrows a run; a missing
 * engine cannot run), or undefined when it is tested. Under CI no engine is left out, whatever
 * is installed or asked for: a missing one fails at launch.
 */
export function engineSkipReason(engine: EngineName): string | undefined {
  if (REQUIRE_ALL_ENGINES) return undefined;
  const wanted = process.env.TEST_ENGINES?.split(',').map((name) => name.trim());
  const unknown = wanted?.filter((name) => !(ENGINES as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`TEST_ENGINES names unknown engines: ${unknown.join(', ')}`);
  if (wanted && !wanted.includes(engine)) return `${engine} is not in TEST_ENGINES`;
  const missing = engineMissing(engine);
  return missing && `${engine} cannot run here: ${missing}`;
}

/** Launches `engine`; fails after `timeoutMs` rather than hanging on a browser that cannot draw. */
export async function launchEngine(engine: EngineName, timeoutMs = 90_000): Promise<EngineBrowser> {
  const missing = engineMissing(engine);
  if (missing) throw new Error(`${engine} cannot run: ${missing}`);
  let timer: NodeJS.Timeout | undefined;
  const launching = LAUNCH[engine]();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${engine} did not start within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([launching, timeout]);
  } catch (error) {
    // A launch that finishes after the timeout must still be closed.
    launching.then((late) => late.close()).catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
