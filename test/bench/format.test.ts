import { describe, expect, it } from 'vitest';
import { kb, micros, millis, percent, perSecond } from '../../bench/format.ts';

describe('units', () => {
  it('writes kilobytes of 1000 bytes, like the budget', () => {
    expect(kb(14_000)).toBe('14.0 KB');
    expect(kb(12_345)).toBe('12.3 KB');
  });

  it('writes shares, rates and times', () => {
    expect(percent(0.4567)).toBe('46%');
    expect(perSecond(12345.6)).toBe('12,346 req/s');
    expect(millis(41.26)).toBe('41.3 ms');
  });

  it('gives microseconds a precision that suits them, and milliseconds from 1000 µs', () => {
    expect(micros(3.456)).toBe('3.46 µs');
    expect(micros(34.56)).toBe('34.6 µs');
    expect(micros(345.6)).toBe('346 µs');
    expect(micros(2901)).toBe('2.90 ms');
  });
});
