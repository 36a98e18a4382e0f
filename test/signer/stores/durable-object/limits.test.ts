/**
 * The Durable Object counter store: the same contract as the memory and Redis stores (here over an
 * in-process namespace; test/runtime/ runs it in workerd across isolates), then what is its own — which
 * object counts which key, the one take that spans two objects, and refusals remembered per isolate.
 */
import { describe, expect, it } from 'vitest';
import { counterObject, createDurableObjectLimitStore, IP_SHARDS } from '../../../../signer/stores/durable-object/limits.ts';
import { describeStoreContract } from '../limits/store-contract.ts';
import { fakeNamespace } from './fake-namespace.ts';

const T0 = Date.parse('2026-11-28T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describeStoreContract('durable object', () => createDurableObjectLimitStore({ namespace: fakeNamespace().namespace }));

describe('durable object store: where keys are counted', () => {
  it('counts the number and the site in one object, and spreads IP counters over the shards', () => {
    expect(counterObject('phone:+12025550143')).toBe('limits');
    expect(counterObject('site:main-street:minute')).toBe(counterObject('site:main-street:day'));
    const shards = new Set(Array.from({ length: 2000 }, (_, i) => counterObject(`ip:198.51.${i >> 8}.${i & 255}`)));
    expect(shards.size).toBe(IP_SHARDS);
    expect([...shards].every((name) => /^limits:ip:\d+$/.test(name))).toBe(true);
    expect(counterObject('ip:198.51.100.7')).toBe(counterObject('ip:198.51.100.7'));
  });

  it('shares every ceiling between two isolates’ stores: 40 concurrent takes at 7 → 7', async () => {
    const { namespace } = fakeNamespace();
    const isolates = [createDurableObjectLimitStore({ namespace }), createDurableObjectLimitStore({ namespace })];
    for (const key of ['phone:+12025550143', 'ip:192.0.2.1']) {
      const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => isolates[i % 2]!.take([{ key, limit: 7, windowMs: HOUR }], T0)));
      expect(verdicts.filter((verdict) => verdict.ok)).toHaveLength(7);
    }
  });
});

describe('durable object store: a take across two objects (a resend: its number and its caller)', () => {
  const resend = (phone: string, ip: string, phoneLimit = 1, ipLimit = 5) => [
    { key: `phone:${phone}`, limit: phoneLimit, windowMs: HOUR },
    { key: `ip:${ip}`, limit: ipLimit, windowMs: MINUTE },
  ];

  it('gives the IP hit back when the number refuses: nothing spent of a refused take', async () => {
    const { namespace } = fakeNamespace();
    const store = createDurableObjectLimitStore({ namespace });
    expect(await store.take(resend('+12025550143', '192.0.2.1'), T0)).toEqual({ ok: true });
    for (let i = 1; i <= 10; i++) expect(await store.take(resend('+12025550143', '192.0.2.9'), T0 + i)).toMatchObject({ ok: false, key: 'phone:+12025550143' });
    // Ten refusals from 192.0.2.9 spent none of its five.
    const other = createDurableObjectLimitStore({ namespace }); // another isolate: nothing remembered
    for (let i = 0; i < 5; i++) expect(await other.take([{ key: 'ip:192.0.2.9', limit: 5, windowMs: MINUTE }], T0 + 100)).toEqual({ ok: true });
    expect(await other.take([{ key: 'ip:192.0.2.9', limit: 5, windowMs: MINUTE }], T0 + 100)).toMatchObject({ ok: false, key: 'ip:192.0.2.9' });
  });

  it('asks no further once the IP refuses, so the number keeps its slot', async () => {
    const { namespace } = fakeNamespace();
    const store = createDurableObjectLimitStore({ namespace });
    expect(await store.take([{ key: 'ip:192.0.2.1', limit: 1, windowMs: MINUTE }], T0)).toEqual({ ok: true });
    expect(await store.take(resend('+12025550143', '192.0.2.1', 1, 1), T0 + 1)).toEqual({ ok: false, key: 'ip:192.0.2.1', retryAfterMs: MINUTE - 1 });
    expect(await store.take([{ key: 'phone:+12025550143', limit: 1, windowMs: HOUR }], T0 + 2)).toEqual({ ok: true });
  });

  it('gives the IP hit back when the second object cannot be reached, and fails (closed) like a Redis outage', async () => {
    const fake = fakeNamespace();
    const store = createDurableObjectLimitStore({ namespace: fake.namespace });
    fake.fail((name) => name === 'limits');
    await expect(store.take(resend('+12025550143', '192.0.2.1', 1, 1), T0)).rejects.toThrow(/unreachable/);
    fake.fail(undefined);
    expect(await store.take([{ key: 'ip:192.0.2.1', limit: 1, windowMs: MINUTE }], T0 + 1)).toEqual({ ok: true });
  });
});

describe('durable object store: refusals remembered per isolate', () => {
  it('answers a refused key without asking its object again until it reopens', async () => {
    const fake = fakeNamespace();
    const store = createDurableObjectLimitStore({ namespace: fake.namespace });
    const check = { key: 'ip:203.0.113.5', limit: 2, windowMs: MINUTE };
    await store.take([check], T0);
    await store.take([check], T0 + 1000);
    expect(await store.take([check], T0 + 2000)).toEqual({ ok: false, key: check.key, retryAfterMs: 58_000 });
    const asked = fake.totalCalls();
    for (let i = 0; i < 100; i++) expect(await store.take([check], T0 + 3000 + i)).toEqual({ ok: false, key: check.key, retryAfterMs: 57_000 - i });
    expect(fake.totalCalls()).toBe(asked);
    // Another ceiling on the same key is not assumed full, and the key reopens on time.
    expect((await store.take([{ ...check, limit: 3 }], T0 + 4000)).ok).toBe(true);
    // At T0 + 1 min the first hit has left, but the one at T0 + 1 s and the limit-3 one at T0 + 4 s fill it.
    expect(await store.take([check], T0 + MINUTE)).toEqual({ ok: false, key: check.key, retryAfterMs: 1000 });
    expect(await store.take([check], T0 + MINUTE + 1000)).toEqual({ ok: true });
    expect(fake.totalCalls()).toBe(asked + 3);
  });
});
