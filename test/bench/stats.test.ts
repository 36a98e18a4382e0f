import { describe, expect, it } from 'vitest';
import { median, percentile, summarize } from '../../bench/stats.ts';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 99)).toBe(99);
  });

  it('reads the extremes at 0 and 100, whatever the input order', () => {
    expect(percentile([5, 1, 9, 3], 0)).toBe(1);
    expect(percentile([5, 1, 9, 3], 100)).toBe(9);
  });

  it('is NaN for no samples and refuses a p outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('leaves its input unsorted', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('is the middle sample of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('summarize', () => {
  it('reports count, median, p90, p99, min and max', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i); // 100 … 0
    expect(summarize(samples)).toEqual({ count: 101, median: 50, p90: 90, p99: 99, min: 0, max: 100 });
  });

  it('handles more samples than a function call takes arguments', () => {
    const samples = Array.from({ length: 300_000 }, (_, i) => i % 1000);
    expect(summarize(samples)).toMatchObject({ min: 0, max: 999, median: 499.5 });
  });

  it('is all NaN but the count for no samples', () => {
    expect(summarize([])).toEqual({ count: 0, median: NaN, p90: NaN, p99: NaN, min: NaN, max: NaN });
  });
});
