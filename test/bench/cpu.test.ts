import { describe, expect, it } from 'vitest';
import { cpuSeconds, cpuSecondsOf } from '../../bench/cpu.ts';

describe('cpuSecondsOf', () => {
  it('adds utime and stime (fields 14 and 15, in 1/100 s)', () => {
    expect(cpuSecondsOf('42 (node) S 1 42 42 0 -1 4194304 0 0 0 0 250 50 0 0 20 0 1 0')).toBe(3);
  });

  it('counts fields from the last parenthesis: a command name may hold spaces and parentheses', () => {
    expect(cpuSecondsOf('7 (my (odd) cmd) R 1 7 7 0 -1 0 0 0 0 0 100 100 0 0')).toBe(2);
  });

  it('refuses text that is not a stat line', () => {
    expect(() => cpuSecondsOf('garbage')).toThrow(/unreadable/);
  });
});

describe('cpuSeconds', () => {
  it('reads this process on Linux, and is undefined for a process that does not exist', () => {
    if (process.platform === 'linux') expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(cpuSeconds(2 ** 30)).toBeUndefined();
    expect(cpuSeconds(undefined)).toBeUndefined();
  });
});
