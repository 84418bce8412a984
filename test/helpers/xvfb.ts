/**
 * A private X display for WebKitGTK, which has no headless mode (its `--headless` and a missing
 * display both make it hang rather than fail). `-displayfd` lets Xvfb pick a free display number
 * and tell us, so parallel runs never fight over `:99`.
 */
import { spawn } from 'node:child_process';
import { stopChild } from './child-exit.js';

/** A running X server. */
export interface XDisplay {
  /** Value for `DISPLAY`, e.g. `:3`. */
  display: string;
  /** Stops the server and waits until it has exited. */
  stop(): Promise<void>;
}

/** Path of Xvfb; override with `XVFB_PATH`. */
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';

/** Starts Xvfb on a free display; fails after `timeoutMs` instead of waiting forever. */
export async function startXvfb(timeoutMs = 15_000): Promise<XDisplay> {
  const child = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    const number = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within ${timeoutMs} ms`)), timeoutMs);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${stderr.trim()}`)));
      (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out.trim());
        }
      });
    });
    return { display: `:${number}`, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
