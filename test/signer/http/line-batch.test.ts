/**
 * Log lines written once per event-loop turn: every line, in order, one write per turn.
 */
import { describe, expect, it } from 'vitest';
import { lineBatch } from '../../../signer/http/line-batch.ts';

/** A scheduler the test runs by hand: each `turn()` runs what was scheduled since the last. */
function manualTurns() {
  let pending: Array<() => void> = [];
  return {
    schedule: (flush: () => void) => void pending.push(flush),
    turn() {
      const now = pending;
      pending = [];
      for (const flush of now) flush();
    },
  };
}

describe('lineBatch', () => {
  it('writes the lines of one turn together, in order, each with its newline', () => {
    const writes: string[] = [];
    const turns = manualTurns();
    const batch = lineBatch((text) => writes.push(text), turns.schedule);
    batch.push('a');
    batch.push('b');
    batch.push('c');
    expect(writes).toEqual([]);
    turns.turn();
    expect(writes).toEqual(['a\nb\nc\n']);
    batch.push('d');
    turns.turn();
    expect(writes).toEqual(['a\nb\nc\n', 'd\n']);
  });

  it('schedules one write per turn, however many lines', () => {
    let scheduled = 0;
    const batch = lineBatch(() => {}, () => void (scheduled += 1));
    for (let i = 0; i < 100; i++) batch.push(`line ${i}`);
    expect(scheduled).toBe(1);
  });

  it('writes at once what is queued on flush (the entry flushes on exit), and nothing twice', () => {
    const writes: string[] = [];
    const turns = manualTurns();
    const batch = lineBatch((text) => writes.push(text), turns.schedule);
    batch.push('last words');
    batch.flush();
    turns.turn();
    expect(writes).toEqual(['last words\n']);
  });

  it('does not hold a very large turn in memory: past 64 KB it is written straight away', () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text), () => {});
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 70; i++) batch.push(line);
    expect(writes.length).toBe(1);
    expect(writes[0]!.length).toBeGreaterThanOrEqual(64 * 1024);
    batch.flush();
    expect(writes.join('').split('\n').filter(Boolean)).toHaveLength(70);
  });

  it('keeps going when the sink throws: the answers of that turn are not affected', () => {
    const turns = manualTurns();
    const batch = lineBatch(() => {
      throw new Error('EPIPE');
    }, turns.schedule);
    batch.push('a');
    expect(() => turns.turn()).not.toThrow();
    expect(() => batch.push('b')).not.toThrow();
  });

  it('with setImmediate, as the Node entry runs it: one write for lines pushed in the same turn', async () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text), setImmediate);
    batch.push('1');
    await Promise.resolve();
    batch.push('2'); // a microtask later: still the same turn of the event loop
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['1\n2\n']);
  });
});
