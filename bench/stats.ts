/**
 * Order statistics for benchmark samples. Pure: numbers in, numbers out.
 * Percentiles use linear interpolation between closest ranks (the "R-7" / NumPy default), so the
 * median of an even count is the mean of the two middle samples.
 */

/**
 * The p-th percentile (0–100) of the samples; NaN for none.
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export function percentile(samples: readonly number[], p: number): number {
  return percentileOfSorted([...samples].sort((a, b) => a - b), p);
}

function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be within 0–100 (got ${p})`);
  if (sorted.length === 0) return Number.NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const weight = rank - low;
  return sorted[low]! + (sorted[high]! - sorted[low]!) * weight;
}

/** @example median([3, 1, 2]) // 2 */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Median, p99, min, max and count, the shape every timing figure reports. */
export interface Summary {
  count: number;
  median: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
}

/** @example summarize([5, 1, 3]).median // 3 */
export function summarize(samples: readonly number[]): Summary {
  // Sorted once: latency figures summarize tens of thousands of samples.
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    min: sorted.length ? sorted[0]! : Number.NaN,
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}
