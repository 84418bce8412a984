/**
 * High-resolution wall time in milliseconds since the Unix epoch. The page side of a latency
 * measurement uses the same expression in Chromium, so on one machine the two clocks agree to well
 * under a millisecond, which `Date.now()` (1 ms steps) would not give.
 */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}
