/**
 * `SignerState`'s own behaviour, over a Map-backed storage and a fake clock: what it answers to a call it
 * cannot read, what it keeps in storage, and how its alarm sweeps what has expired.
 */
import { describe, expect, it } from 'vitest';
import { createStateHandler, SignerState } from '../../../../signer/stores/durable-object/signer-state.ts';
import { memoryStorage } from './fake-namespace.ts';

const T0 = Date.parse('2026-11-28T12:00:00Z');
const MINUTE = 60_000;

function harness() {
  let now = T0;
  const storage = memoryStorage();
  const handler = createStateHandler({ storage, now: () => now });
  const call = async (op: string, body: unknown) => {
    const response = await handler.fetch(new Request(`https://signer-state/${op}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }));
    return { status: response.status, body: response.ok ? await response.json() : await response.text() };
  };
  return { storage, handler, call, advance: (ms: number) => void (now += ms), now: () => now };
}

const pending = { state: 'pending', request: 'r1' } as const;
const done = { state: 'done', request: 'r1', answer: { status: 201, body: { session_key: 'DMO-1' } } } as const;

describe('SignerState', () => {
  it('refuses what is not one of its operations, or not their shape, without touching storage', async () => {
    const { call, storage, handler } = harness();
    expect((await call('drop-everything', {})).status).toBe(404);
    expect((await call('take', 'not json')).status).toBe(400);
    expect((await call('take', { checks: [{ key: 'k', limit: 0, windowMs: 1000 }], nowMs: T0 })).status).toBe(400);
    expect((await call('add', { key: 'k', record: { state: 'maybe' }, ttlMs: 10 })).status).toBe(400);
    expect((await handler.fetch(new Request('https://signer-state/take'))).status).toBe(404);
    expect(storage.entries.size).toBe(0);
  });

  it('keeps a log per key, no longer than its limit, and wakes when the first one can go', async () => {
    const { call, storage } = harness();
    const checks = [{ key: 'phone:+12025550143', limit: 2, windowMs: 60 * MINUTE }, { key: 'site:s:minute', limit: 5, windowMs: MINUTE }];
    expect((await call('take', { checks, nowMs: T0 })).body).toEqual({ ok: true });
    expect((await call('take', { checks, nowMs: T0 + 1000 })).body).toEqual({ ok: true });
    expect((await call('take', { checks, nowMs: T0 + 2000 })).body).toEqual({ ok: false, key: 'phone:+12025550143', retryAfterMs: 60 * MINUTE - 2000 });
    expect(storage.entries.get('rl:phone:+12025550143')).toEqual({ hits: [T0, T0 + 1000], windowMs: 60 * MINUTE });
    expect(storage.entries.get('rl:site:s:minute')).toEqual({ hits: [T0, T0 + 1000], windowMs: MINUTE });
    expect(storage.alarm).toBe(T0 + MINUTE); // the earliest a log could empty: the site's, after its first hit
  });

  it('gives back one hit of a take, and deletes a log left empty', async () => {
    const { call, storage } = harness();
    const check = { key: 'ip:192.0.2.1', limit: 3, windowMs: MINUTE };
    await call('take', { checks: [check], nowMs: T0 });
    await call('take', { checks: [check], nowMs: T0 });
    expect((await call('release', { keys: [check.key, 'ip:never-taken'], at: T0 })).body).toEqual({ released: 1 });
    expect(storage.entries.get('rl:ip:192.0.2.1')).toEqual({ hits: [T0], windowMs: MINUTE });
    await call('release', { keys: [check.key], at: T0 });
    expect(storage.entries.has('rl:ip:192.0.2.1')).toBe(false);
    expect((await call('release', { keys: [check.key], at: T0 })).body).toEqual({ released: 0 });
  });

  it('adds an answer only once, replaces it with set, and forgets it when it expires or is deleted', async () => {
    const { call, advance } = harness();
    expect((await call('add', { key: 'k', record: pending, ttlMs: 25_000 })).body).toEqual({ added: true });
    expect((await call('add', { key: 'k', record: done, ttlMs: 25_000 })).body).toEqual({ added: false });
    expect((await call('get', { key: 'k' })).body).toEqual({ record: pending });
    await call('set', { key: 'k', record: done, ttlMs: 1000 });
    expect((await call('get', { key: 'k' })).body).toEqual({ record: done });
    advance(1000);
    expect((await call('get', { key: 'k' })).body).toEqual({ record: null });
    expect((await call('add', { key: 'k', record: pending, ttlMs: 1000 })).body).toEqual({ added: true });
    await call('delete', { key: 'k' });
    expect((await call('get', { key: 'k' })).body).toEqual({ record: null });
  });

  it('sweeps expired logs and answers on its alarm, and sleeps until the next one expires', async () => {
    const { call, storage, handler, advance } = harness();
    await call('take', { checks: [{ key: 'ip:a', limit: 5, windowMs: MINUTE }], nowMs: T0 });
    await call('take', { checks: [{ key: 'phone:b', limit: 5, windowMs: 60 * MINUTE }], nowMs: T0 });
    await call('add', { key: 'answer', record: pending, ttlMs: 5 * MINUTE });
    expect(storage.alarm).toBe(T0 + MINUTE);

    advance(MINUTE);
    await handler.alarm();
    expect([...storage.entries.keys()].sort()).toEqual(['idem:answer', 'rl:phone:b']);
    expect(storage.alarm).toBe(T0 + 5 * MINUTE);

    advance(4 * MINUTE);
    await handler.alarm();
    expect([...storage.entries.keys()]).toEqual(['rl:phone:b']);
    expect(storage.alarm).toBe(T0 + 60 * MINUTE);

    advance(55 * MINUTE);
    await handler.alarm();
    expect(storage.entries.size).toBe(0);
    expect(storage.alarm).toBe(T0 + 60 * MINUTE); // nothing left: no new alarm
  });

  it('sweeps more keys than one storage.delete takes', async () => {
    const { call, storage, handler, advance } = harness();
    for (let i = 0; i < 200; i++) await call('take', { checks: [{ key: `ip:${i}`, limit: 1, windowMs: MINUTE }], nowMs: T0 });
    advance(MINUTE);
    await handler.alarm();
    expect(storage.entries.size).toBe(0);
  });

  it('is the class the Worker exports, over the state the runtime hands it', async () => {
    const storage = memoryStorage();
    const object = new SignerState({ storage });
    const response = await object.fetch(new Request('https://signer-state/add', { method: 'POST', body: JSON.stringify({ key: 'k', record: pending, ttlMs: 1000 }) }));
    expect(await response.json()).toEqual({ added: true });
    expect(storage.entries.get('idem:k')).toMatchObject({ record: pending });
    await object.alarm();
  });
});
