import assert from 'node:assert/strict';
import { it } from 'node:test';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelay } from './backoff.js';

it('starts near the minimum, doubles, and caps at the maximum', () => {
  assert.equal(backoffDelay(0, 0.999999), BACKOFF_MIN_MS);
  assert.equal(backoffDelay(1, 0.999999), 2 * BACKOFF_MIN_MS);
  assert.equal(backoffDelay(3, 0.999999), 8 * BACKOFF_MIN_MS);
  for (const attempt of [5, 10, 100, 10_000]) {
    assert.equal(backoffDelay(attempt, 0.999999), BACKOFF_MAX_MS, `attempt ${attempt}`);
  }
});

it('jitters within the upper half of the current ceiling, never zero', () => {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt);
    const low = backoffDelay(attempt, 0);
    const high = backoffDelay(attempt, 0.999999);
    assert.ok(low >= ceiling / 2 && low > 0, `attempt ${attempt}: ${low}`);
    assert.ok(high <= ceiling, `attempt ${attempt}: ${high}`);
    assert.notEqual(low, high, 'the random part matters');
  }
});
