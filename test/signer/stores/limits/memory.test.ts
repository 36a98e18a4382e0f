import { describe, expect, it } from 'vitest';
import { createMemoryLimitStore } from '../../../../signer/stores/limits/memory.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('memory', () => createMemoryLimitStore());

describe('memory store: bounded', () => {
  const T0 = Date.parse('2026-11-28T12:00:00Z');

  it('forgets logs whose window has passed', async () => {
    const store = createMemoryLimitStore();
    for (let i = 0; i < 500; i++) await store.take([{ key: `ip:${i}`, limit: 5, windowMs: 60_000 }], T0);
    expect(store.size()).toBe(500);
    // The sweep runs every thousand takes; these come after the first 500 have expired.
    for (let i = 0; i < 500; i++) await store.take([{ key: `later:${i}`, limit: 5, windowMs: 60_000 }], T0 + 60_000);
    expect(store.size()).toBe(500);
  });

  it('drops the least recently used keys past maxKeys, keeping the busy ones', async () => {
    const store = createMemoryLimitStore({ maxKeys: 100 });
    const site = { key: 'site:default:day', limit: 10_000, windowMs: 86_400_000 };
    for (let i = 0; i < 1000; i++) await store.take([{ key: `ip:${i}`, limit: 5, windowMs: 60_000 }, site], T0 + i);
    expect(store.size()).toBeLessThanOrEqual(100);
    // The site's counter was used by every take, so it survived with every hit.
    expect(await store.take([{ ...site, limit: 1000 }], T0 + 1000)).toEqual({ ok: false, key: site.key, retryAfterMs: 86_400_000 - 1000 });
  });

  it('drops the keys `evictFirst` picks before any other', async () => {
    const store = createMemoryLimitStore({ maxKeys: 50, evictFirst: (key) => key.startsWith('ip:') });
    const victim = { key: 'phone:+12025550143', limit: 1, windowMs: 3_600_000 };
    expect(await store.take([victim], T0)).toEqual({ ok: true });
    // A flood of one-off addresses, the victim's counter untouched (least recently used of all) …
    for (let i = 0; i < 1000; i++) await store.take([{ key: `ip:${i}`, limit: 5, windowMs: 60_000 }], T0 + i);
    expect(store.size()).toBeLessThanOrEqual(50);
    // … and it still remembers the text.
    expect((await store.take([victim], T0 + 1000)).ok).toBe(false);
  });

  it('at its cap, each new key pushes out the oldest one, and only it', async () => {
    const store = createMemoryLimitStore({ maxKeys: 1000, evictFirst: (key) => key.startsWith('ip:') });
    const flood = (i: number) => ({ key: `ip:10.0.${i >> 8}.${i & 255}`, limit: 1, windowMs: 60_000 });
    for (let i = 0; i < 5000; i++) expect(await store.take([flood(i)], T0 + i)).toEqual({ ok: true });
    expect(store.size()).toBe(1000);
    // The last thousand are all still counted; the one before them was dropped.
    for (let i = 4000; i < 5000; i++) expect((await store.peek([flood(i)], T0 + 5000)).ok).toBe(false);
    expect((await store.peek([flood(3999)], T0 + 5000)).ok).toBe(true);
  });

  it('stays exact with a huge ceiling: every hit inside the window counts, the oldest leaves first', async () => {
    const store = createMemoryLimitStore();
    const site = { key: 'site:default:minute', limit: 50_000, windowMs: 60_000 };
    for (let i = 0; i < 50_000; i++) expect((await store.take([site], T0 + Math.floor(i / 1000))).ok).toBe(true);
    // Full: the next slot opens when the first thousand (all at T0) leave.
    expect(await store.take([site], T0 + 100)).toEqual({ ok: false, key: site.key, retryAfterMs: 60_000 - 100 });
    // A window later, the first thousand have left: exactly a thousand fit, then the next wait is a millisecond.
    for (let i = 0; i < 1000; i++) expect((await store.take([site], T0 + 60_000)).ok).toBe(true);
    expect(await store.take([site], T0 + 60_000)).toEqual({ ok: false, key: site.key, retryAfterMs: 1 });
  });
});
