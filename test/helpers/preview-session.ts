/**
 * Suite fixture for browser tests of the preview server: one Chromium for the enclosing
 * `describe`, and every server handed to `track()` stopped when the suite ends.
 */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { LivePreviewServer } from '../../src/server/live-preview-server.js';
import { launchChromium } from './browser.js';

/** What {@link previewSession} gives a suite. */
export interface PreviewSession {
  /** The suite's Chromium (set once `before` ran). */
  readonly browser: Browser;
  /** Registers `server` to be stopped after the suite; returns it. */
  track(server: LivePreviewServer): LivePreviewServer;
}

/** Call inside a `describe`: registers its `before`/`after` hooks. */
export function previewSession(): PreviewSession {
  let browser: Browser | undefined;
  const servers: LivePreviewServer[] = [];
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await browser?.close();
  });
  return {
    get browser(): Browser {
      if (!browser) throw new Error('the browser starts in before(): use it inside a test');
      return browser;
    },
    track(server) {
      servers.push(server);
      return server;
    },
  };
}
