import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, p90, percentile, summarize } from '../../bench/lib/stats.js';

describe('bench stats', () => {
  it('takes nearest-rank percentiles of unsorted samples', () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    assert.equal(median(values), 5);
    assert.equal(p90(values), 9);
    assert.equal(percentile(values, 100), 10);
    assert.equal(percentile(values, 1), 1);
    assert.deepEqual(values.slice(0, 2), [9, 1], 'input is not reordered');
  });

  it('reports a value that was measured, never an interpolation', () => {
    assert.equal(median([1, 2, 3, 1000]), 2);
    assert.equal(median([4]), 4);
  });

  it('summarises with rounding', () => {
    assert.deepEqual(summarize([1.234, 2.345, 3.456]), { n: 3, median: 2.35, p90: 3.46, min: 1.23, max: 3.46 });
  });

  it('refuses empty input and out-of-range percentiles', () => {
    assert.throws(() => median([]), RangeError);
    assert.throws(() => percentile([1], 0), RangeError);
    assert.throws(() => percentile([1], 101), RangeError);
  });
});
