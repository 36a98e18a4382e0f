/**
 * What every counter store must do, run against the memory store and against a real Redis: the
 * limiter's behaviour must not depend on which one a dealer deploys.
 */
import { describe, expect, it } from 'vitest';
import type { LimitCheck, LimitStore } from '../../../../signer/stores/limits/store.ts';

const T0 = Date.parse('2026-11-28T12:00:00Z');

export function describeStoreContract(name: string, makeStore: () => Promise<LimitStore> | LimitStore) {
  describe(`${name}: the counter store contract`, () => {
    const check = (key: string, limit: number, windowMs = 60_000): LimitCheck => ({ key, limit, windowMs });

    it('allows `limit` hits in a window, then refuses with the wait until the oldest one leaves', async () => {
      const store = await makeStore();
      for (let i = 0; i < 3; i++) expect(await store.take([check('a', 3)], T0 + i * 1000)).toEqual({ ok: true });
      expect(await store.take([check('a', 3)], T0 + 10_000)).toEqual({ ok: false, key: 'a', retryAfterMs: 50_000 });
      expect(await store.take([check('a', 3)], T0 + 59_999)).toEqual({ ok: false, key: 'a', retryAfterMs: 1 });
      // Exactly one window after the first hit, it has left: one slot is free, and only one.
      expect(await store.take([check('a', 3)], T0 + 60_000)).toEqual({ ok: true });
      expect(await store.take([check('a', 3)], T0 + 60_000)).toEqual({ ok: false, key: 'a', retryAfterMs: 1000 });
    });

    it('does not count refused hits', async () => {
      const store = await makeStore();
      expect(await store.take([check('b', 1)], T0)).toEqual({ ok: true });
      for (let i = 1; i <= 50; i++) expect((await store.take([check('b', 1)], T0 + i * 1000)).ok).toBe(false);
      expect(await store.take([check('b', 1)], T0 + 60_000)).toEqual({ ok: true });
    });

    it('is all or nothing across keys, naming the key that reopens last', async () => {
      const store = await makeStore();
      expect(await store.take([check('full', 1, 10_000)], T0)).toEqual({ ok: true });
      expect(await store.take([check('long', 1, 60_000)], T0)).toEqual({ ok: true });
      // `free` had room, but the take was refused as a whole: nothing is spent from it.
      expect(await store.take([check('free', 1), check('full', 1, 10_000), check('long', 1, 60_000)], T0 + 1000)).toEqual({
        ok: false,
        key: 'long',
        retryAfterMs: 59_000,
      });
      expect(await store.take([check('free', 1)], T0 + 1000)).toEqual({ ok: true });
    });

    it('keeps keys apart, and honours a limit lowered after the fact', async () => {
      const store = await makeStore();
      for (let i = 0; i < 4; i++) expect((await store.take([check('c', 10)], T0 + i)).ok).toBe(true);
      expect(await store.take([check('d', 1)], T0)).toEqual({ ok: true });
      // Four hits logged and the ceiling now 2: three must leave, so room comes when the one at T0+2 does.
      expect(await store.take([check('c', 2)], T0 + 100)).toEqual({ ok: false, key: 'c', retryAfterMs: 60_000 - 100 + 2 });
    });

    it('survives a clock that steps back', async () => {
      const store = await makeStore();
      expect((await store.take([check('e', 2)], T0 + 5000)).ok).toBe(true);
      expect((await store.take([check('e', 2)], T0)).ok).toBe(true);
      expect(await store.take([check('e', 2)], T0 + 6000)).toEqual({ ok: false, key: 'e', retryAfterMs: 54_000 });
    });

    it('peeks without recording: the verdict a take would give, nothing spent', async () => {
      const store = await makeStore();
      expect(await store.peek([check('p', 1)], T0)).toEqual({ ok: true });
      expect(await store.peek([check('p', 1)], T0)).toEqual({ ok: true });
      expect(await store.take([check('p', 1)], T0 + 1000)).toEqual({ ok: true });
      expect(await store.peek([check('p', 1), check('q', 5)], T0 + 2000)).toEqual({ ok: false, key: 'p', retryAfterMs: 59_000 });
      // The refused peek spent nothing of `q`, nor did the successful ones of `p`.
      for (let i = 0; i < 5; i++) expect((await store.take([check('q', 5)], T0 + 3000)).ok).toBe(true);
      expect(await store.peek([check('q', 5)], T0 + 3000)).toEqual({ ok: false, key: 'q', retryAfterMs: 60_000 });
      expect(await store.peek([check('p', 1)], T0 + 61_000)).toEqual({ ok: true });
    });

    it('never lets concurrent takes past the limit', async () => {
      const store = await makeStore();
      const verdicts = await Promise.all(Array.from({ length: 40 }, () => store.take([check('f', 7)], T0)));
      expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(7);
    });
  });
}
