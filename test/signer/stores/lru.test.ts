/**
 * The bounded map the memory stores and the status cache keep their entries in: least recently used out
 * first, `get` and `set` make a key the newest, `peek` leaves its place alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from '../../../signer/stores/lru.ts';

describe('Lru', () => {
  it('drops the least recently used entry past max; get and set refresh, peek does not', () => {
    const lru = new Lru<string, number>({ max: 3 });
    lru.set('a', 1).set('b', 2).set('c', 3);
    expect(lru.get('a')).toBe(1); // a is the newest now: b is the oldest
    expect(lru.peek('b')).toBe(2); // and stays the oldest
    lru.set('d', 4);
    expect([lru.peek('a'), lru.peek('b'), lru.peek('c'), lru.peek('d')]).toEqual([1, undefined, 3, 4]);
    lru.set('c', 30); // c is the newest now
    expect(lru.oldest()).toBe('a');
    expect(lru.pop()).toBe(1);
    expect(lru.oldest()).toBe('d');
    expect(lru.size).toBe(2);
    expect(lru.delete('d')).toBe(true);
    expect(lru.delete('d')).toBe(false);
    lru.clear();
    expect([lru.size, lru.oldest(), lru.pop(), lru.get('c')]).toEqual([0, undefined, undefined, undefined]);
  });

  it('keeps a stored undefined apart from a missing key', () => {
    const lru = new Lru<string, number | undefined>({ max: 2 });
    lru.set('u', undefined).set('v', 1);
    expect(lru.get('u')).toBeUndefined();
    expect(lru.oldest()).toBe('v'); // reading u made it the newest
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const max of [0, -1, 1.5, Number.NaN]) expect(() => new Lru({ max })).toThrow(RangeError);
  });

  it('behaves like a model list over any sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 6 }), value: fc.integer() }),
      fc.record({ kind: fc.constantFrom('get' as const, 'peek' as const, 'delete' as const), key: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('pop' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 60 }), (max, ops) => {
        const lru = new Lru<number, number>({ max });
        let model: Array<[number, number]> = []; // oldest first
        for (const step of ops) {
          const at = 'key' in step ? model.findIndex(([key]) => key === step.key) : -1;
          if (step.kind === 'set') {
            lru.set(step.key, step.value);
            model = [...model.filter(([key]) => key !== step.key), [step.key, step.value]];
            if (model.length > max) model.shift();
          } else if (step.kind === 'get') {
            expect(lru.get(step.key)).toBe(at >= 0 ? model[at]![1] : undefined);
            if (at >= 0) model.push(...model.splice(at, 1));
          } else if (step.kind === 'peek') {
            expect(lru.peek(step.key)).toBe(at >= 0 ? model[at]![1] : undefined);
          } else if (step.kind === 'delete') {
            expect(lru.delete(step.key)).toBe(at >= 0);
            if (at >= 0) model.splice(at, 1);
          } else {
            expect(lru.pop()).toBe(model.shift()?.[1]);
          }
          expect(lru.size).toBe(model.length);
          expect(lru.oldest()).toBe(model[0]?.[0]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
