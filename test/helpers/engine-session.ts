/**
 * Runs a browser suite once per engine: one browser per engine for the suite, every server
 * handed to `track()` stopped at the end, and afterwards a check of the process table that the
 * browser left no process behind. See `engine.ts` for how to port a test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { ENGINES, type EngineBrowser, type EngineName, type EnginePage } from './engine.js';
import { engineSkipReason, launchEngine } from './engine-launch.js';
import { browserDescendants, descendants, describeProcesses, stillRunning } from './process-tree.js';

/** What {@link forEachEngine} gives each run of a suite. */
export interface EngineSession {
  /** The engine this run uses. */
  readonly engine: EngineName;
  /** The suite's browser (set once `before` ran). */
  readonly browser: EngineBrowser;
  /** Opens `url` in a new page of the suite's browser. */
  open(url: string, viewport?: { width: number; height: number }): Promise<EnginePage>;
  /** Registers `server` to be stopped after the suite; returns it. */
  track(server: LivePreviewServer): LivePreviewServer;
}

/** Launches `engine`, noting which of this process's descendants existed before. */
export async function launchTracked(engine: EngineName): Promise<{ browser: EngineBrowser; before: Set<number> }> {
  const before = new Set(descendants().map((info) => info.pid));
  return { browser: await launchEngine(engine), before };
}

/**
 * Closes `browser` and asserts that every process started since `before` (its browser, driver,
 * X server and their children, even those orphaned on the way) is gone, and that no browser,
 * driver or X server descends from this process any more.
 */
export async function closeAndCheckLeftovers(browser: EngineBrowser, before: ReadonlySet<number>): Promise<void> {
  const started = descendants()
    .map((info) => info.pid)
    .filter((pid) => !before.has(pid));
  assert.ok(started.length > 0, `${browser.engine}: no browser process found among this process's children`);
  await browser.close();
  // The kernel may need a moment to finish tearing a process down after its parent saw it exit.
  const deadline = Date.now() + 5000;
  let left = [...stillRunning(started), ...browserDescendants()];
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = [...stillRunning(started), ...browserDescendants()];
  }
  assert.deepEqual(left, [], `${browser.engine} left processes behind: ${describeProcesses(left)}`);
}

/**
 * Registers `body` as one `describe` per engine, titled `title [engine]`. An engine a local run
 * leaves out (see `engineSkipReason`) shows as one skipped test with the reason, so a machine
 * without it does not pass in silence.
 */
export function forEachEngine(title: string, body: (session: EngineSession) => void): void {
  for (const engine of ENGINES) {
    const skipReason = engineSkipReason(engine);
    if (skipReason !== undefined) {
      it(`${title} [${engine}]`, (t) => t.skip(skipReason));
      continue;
    }
    describe(`${title} [${engine}]`, () => {
      let launched: { browser: EngineBrowser; before: Set<number> } | undefined;
      const servers: LivePreviewServer[] = [];
      before(async () => {
        launched = await launchTracked(engine);
      });
      after(async () => {
        await Promise.all(servers.map((server) => server.stop()));
        if (launched) await closeAndCheckLeftovers(launched.browser, launched.before);
      });
      const session: EngineSession = {
        engine,
        get browser(): EngineBrowser {
          if (!launched) throw new Error('the browser starts in before(): use it inside a test');
          return launched.browser;
        },
        open: (url, viewport) => session.browser.open(url, viewport),
        track(server) {
          servers.push(server);
          return server;
        },
      };
      body(session);
    });
  }
}
