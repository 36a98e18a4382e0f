/**
 * The Durable Object idempotency store (here over an in-process namespace; test/runtime/ runs it in
 * workerd across isolates): one object per key, set-if-absent atomic, and two signer instances sharing
 * the namespace make one session of one key.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../signer/app.ts';
import { createDurableObjectIdempotencyStore, recordObject } from '../../../../signer/stores/durable-object/idempotency.ts';
import { createSandbox } from '../../../../demo/sandbox/app.ts';
import { createStack, inProcessFetch, ORIGIN } from '../../../fixtures/stack.ts';
import { fakeNamespace } from './fake-namespace.ts';

const pending = { state: 'pending', request: 'r1' } as const;
const done = { state: 'done', request: 'r1', answer: { status: 201, body: { session_key: 'DMO-1', capture_url: 'https://x' } } } as const;

describe('durable object idempotency store', () => {
  it('gets what was set, replaces it, forgets it on delete — each key in its own object', async () => {
    const fake = fakeNamespace();
    const store = createDurableObjectIdempotencyStore({ namespace: fake.namespace });
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', pending, 60_000);
    expect(await store.get('k')).toEqual(pending);
    await store.set('k', done, 60_000);
    expect(await store.get('k')).toEqual(done);
    await store.add('other', pending, 60_000);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
    expect(await store.get('other')).toEqual(pending);
    expect([...fake.objects.keys()].sort()).toEqual([recordObject('k'), recordObject('other')].sort());
  });

  it('adds only when nothing live is there', async () => {
    let now = 0;
    const store = createDurableObjectIdempotencyStore({ namespace: fakeNamespace({ now: () => now }).namespace });
    expect(await store.add('k', pending, 100)).toBe(true);
    expect(await store.add('k', done, 100)).toBe(false);
    expect(await store.get('k')).toEqual(pending);
    now = 100;
    expect(await store.get('k')).toBeUndefined();
    expect(await store.add('k', done, 100)).toBe(true);
  });

  it('lets exactly one of many racing isolates claim a key', async () => {
    const { namespace } = fakeNamespace();
    const isolates = [createDurableObjectIdempotencyStore({ namespace }), createDurableObjectIdempotencyStore({ namespace })];
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => isolates[i % 2]!.add('race', pending, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('throws when its object cannot be reached (the app answers 502, never creates unguarded)', async () => {
    const fake = fakeNamespace();
    fake.fail(() => true);
    const store = createDurableObjectIdempotencyStore({ namespace: fake.namespace });
    await expect(store.add('k', pending, 1000)).rejects.toThrow(/unreachable/);

    const { config } = createStack();
    const sandbox = createSandbox();
    const app = createApp({ config, fetch: inProcessFetch(sandbox.app), log: () => {}, idempotency: store });
    const response = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
      body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }),
    });
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([502, 'upstream_error']);
    expect(sandbox.store.outbox).toHaveLength(0);
  });

  it('makes one session of a double-click that lands on two signer instances', async () => {
    const { namespace } = fakeNamespace();
    const { config } = createStack();
    const sandbox = createSandbox();
    const instances = [0, 1].map(() => createApp({ config, fetch: inProcessFetch(sandbox.app), log: () => {}, idempotency: createDurableObjectIdempotencyStore({ namespace }) }));
    const key = randomUUID();
    const post = (app: (typeof instances)[number]) =>
      app.request('/v1/sessions', {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }),
      });
    const responses = await Promise.all([post(instances[0]!), post(instances[1]!)]);
    const late = await post(instances[1]!);
    const bodies = (await Promise.all([...responses, late].map((response) => response.json()))) as { session_key: string }[];
    expect([...responses, late].map((response) => response.status)).toEqual([201, 201, 201]);
    expect(new Set(bodies.map((body) => body.session_key)).size).toBe(1);
    expect(sandbox.store.outbox).toHaveLength(1);
  });
});
