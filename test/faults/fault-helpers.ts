/** Polling helpers for the fault suites (asynchronous checks allowed, never a fixed sleep). */
export { within } from '../server/server-helpers.js';

/** Polls `check` (sync or async) every 10 ms until it is truthy or `timeoutMs` passes. */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
