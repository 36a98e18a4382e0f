/**
 * Units for the table. 1 KB = 1000 bytes (the budget's unit); every size also keeps its exact bytes
 * in the JSON file.
 */

/** @example kb(12345) // '12.3 KB' */
export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** @example percent(0.4567) // '46%' */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** @example perSecond(12345.6) // '12,346 req/s' */
export function perSecond(rate: number): string {
  return `${Math.round(rate).toLocaleString('en-US')} req/s`;
}

/**
 * Microseconds with a precision that suits the magnitude; milliseconds from 1000 µs on.
 * @example micros(3.456) // '3.46 µs'
 * @example micros(2901) // '2.90 ms'
 */
export function micros(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} ms`;
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value)} µs`;
}

/** @example millis(41.26) // '41.3 ms' */
export function millis(value: number): string {
  return `${value.toFixed(1)} ms`;
}
