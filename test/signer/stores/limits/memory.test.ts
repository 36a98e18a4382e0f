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
});
