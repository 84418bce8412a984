/** The one way tests wait: poll a condition instead of sleeping, and fail with a message that says what was awaited. */

/** Options of {@link poll}. */
export interface PollOptions {
  /**
   * Give up after this many milliseconds.
   * @default 5000
   */
  timeout?: number;
  /**
   * What is awaited, for the failure message; a function is called only on failure, so it can
   * add logs gathered while waiting.
   * @default 'condition'
   */
  message?: string | (() => string);
  /**
   * Pause between checks, in milliseconds.
   * @default 10
   */
  interval?: number;
}

/**
 * Calls `fn` (sync or async) until it returns a truthy value, and resolves with that value.
 * Rejects when `timeout` passes first, or at once when `fn` throws.
 */
export async function poll<T>(fn: () => T | Promise<T>, options: PollOptions = {}): Promise<NonNullable<T>> {
  const { timeout = 5000, message = 'condition', interval = 10 } = options;
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeout} ms waiting for ${typeof message === 'function' ? message() : message}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
