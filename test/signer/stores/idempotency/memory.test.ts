import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../../../signer/stores/idempotency/memory.ts';

const pending = { state: 'pending', request: 'r1' } as const;
const done = { state: 'done', request: 'r1', answer: { status: 201, body: { session_key: 'DMO-1' } } } as const;

describe('memory idempotency store', () => {
  it('gets what was set until it expires', async () => {
    let now = 0;
    const store = createMemoryIdempotencyStore({ now: () => now });
    await store.set('k', done, 1000);
    expect(await store.get('k')).toEqual(done);
    now = 999;
    expect(await store.get('k')).toEqual(done);
    now = 1000;
    expect(await store.get('k')).toBeUndefined();
  });

  it('adds only when nothing (live) is there', async () => {
    let now = 0;
    const store = createMemoryIdempotencyStore({ now: () => now });
    expect(await store.add('k', pending, 100)).toBe(true);
    expect(await store.add('k', done, 100)).toBe(false);
    expect(await store.get('k')).toEqual(pending);
    now = 100;
    expect(await store.add('k', done, 100)).toBe(true);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('hands out copies, so a caller cannot change what is stored', async () => {
    const store = createMemoryIdempotencyStore();
    await store.set('k', done, 1000);
    const copy = (await store.get('k'))!;
    (copy as { request: string }).request = 'changed';
    expect((await store.get('k'))?.request).toBe('r1');
  });

  it('drops the oldest entries beyond its size', async () => {
    const store = createMemoryIdempotencyStore({ maxEntries: 2 });
    await store.set('a', done, 1000);
    await store.set('b', done, 1000);
    await store.set('a', done, 1000); // refreshed: now the newest
    await store.set('c', done, 1000);
    expect([await store.get('a'), await store.get('b'), await store.get('c')].map(Boolean)).toEqual([true, false, true]);
  });

  it('keeps 100 000 answers by default, then drops the oldest first', async () => {
    const store = createMemoryIdempotencyStore();
    for (let i = 0; i < 100_000; i++) await store.set(`k${i}`, done, 86_400_000);
    expect(store.size()).toBe(100_000);
    expect(await store.get('k0')).toEqual(done);
    await store.set('k100000', done, 86_400_000);
    // Reading k0 made it no younger: it was still the oldest.
    expect([await store.get('k0'), await store.get('k1'), await store.get('k100000')].map(Boolean)).toEqual([false, true, true]);
    expect(store.size()).toBe(100_000);
  }, 60_000);
});
