/** Reconnect delays: capped exponential backoff with jitter. Pure, so it can be unit-tested. */

/** First retry delay in milliseconds. */
export const BACKOFF_MIN_MS = 250;
/** Longest delay between retries; the client never gives up while the page is open. */
export const BACKOFF_MAX_MS = 5000;

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry). The upper bound doubles per
 * attempt up to {@link BACKOFF_MAX_MS}; the result is drawn from its upper half, so many pages
 * reconnecting to a restarted server do not all arrive in the same millisecond.
 *
 * @param attempt - consecutive failed attempts so far
 * @param random - a number in [0, 1), `Math.random()` outside tests
 */
export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
