/**
 * The Redis idempotency store against a real `redis-server` (npm test starts one on 127.0.0.1:6390, or set
 * REDIS_URL): the store contract, then two signer instances sharing it — a double-click that lands on both
 * still makes one session and one text. Never skipped: without a Redis these tests fail and say why.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../../signer/app.ts';
import { createRedisIdempotencyStore } from '../../../../signer/stores/idempotency/redis.ts';
import { connectRedis, redactUrl, type RedisConnection } from '../../../../signer/stores/redis.ts';
import { createSandbox } from '../../../../demo/sandbox/app.ts';
import { createStack, inProcessFetch, ORIGIN } from '../../../fixtures/stack.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
/** Every key of this run lives under this prefix, so parallel runs sharing a Redis never meet. */
const RUN = `pave-capture-test:${randomUUID()}:idem:`;

const connections: RedisConnection[] = [];
let unavailable: Error | undefined;

/** A connection of its own, as a separate signer instance would have. */
async function instance(): Promise<RedisConnection> {
  const client = await connectRedis(REDIS_URL, { timeoutMs: 2000 });
  connections.push(client);
  return client;
}

let client: RedisConnection;
beforeAll(async () => {
  try {
    client = await instance();
  } catch (error) {
    unavailable = new Error(`No Redis at ${redactUrl(REDIS_URL)} (${(error as Error).message}). Run the tests through \`npm test\`, which starts one, or set REDIS_URL.`);
  }
}, 10_000);

beforeEach(() => {
  if (unavailable) throw unavailable;
});

afterAll(async () => {
  for (const connection of connections) await connection.close();
});

const pending = { state: 'pending', request: 'r1' } as const;
const done = { state: 'done', request: 'r1', answer: { status: 201, body: { session_key: 'DMO-1', capture_url: 'https://x' } } } as const;

describe('redis idempotency store', () => {
  it('gets what was set, replaces it, forgets it on delete', async () => {
    const store = createRedisIdempotencyStore({ client, prefix: `${RUN}${randomUUID()}:` });
    expect(await store.get('k')).toBeUndefined();
    await store.set('k', pending, 60_000);
    expect(await store.get('k')).toEqual(pending);
    await store.set('k', done, 60_000);
    expect(await store.get('k')).toEqual(done);
    await store.delete('k');
    expect(await store.get('k')).toBeUndefined();
  });

  it('adds only when nothing is there, and the record expires with its TTL on the server', async () => {
    const prefix = `${RUN}${randomUUID()}:`;
    const store = createRedisIdempotencyStore({ client, prefix });
    expect(await store.add('k', pending, 150)).toBe(true);
    expect(await store.add('k', done, 150)).toBe(false);
    expect(await store.get('k')).toEqual(pending);
    const raw = client as unknown as { pTTL(key: string): Promise<number> };
    const ttl = await raw.pTTL(`${prefix}k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(150);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await store.get('k')).toBeUndefined();
    expect(await store.add('k', done, 60_000)).toBe(true);
  });

  it('lets exactly one of many racing instances claim a key', async () => {
    const prefix = `${RUN}${randomUUID()}:`;
    const stores = [createRedisIdempotencyStore({ client, prefix }), createRedisIdempotencyStore({ client: await instance(), prefix })];
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.add('race', pending, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('treats a value that is not its JSON as absent', async () => {
    const prefix = `${RUN}${randomUUID()}:`;
    await client.set(`${prefix}k`, 'not json', { expiration: { type: 'PX', value: 60_000 } });
    expect(await createRedisIdempotencyStore({ client, prefix }).get('k')).toBeUndefined();
  });
});

describe('two signer instances sharing one Redis', () => {
  it('answer a repeat on the other instance with the first session: one session, one text', async () => {
    const prefix = `${RUN}${randomUUID()}:`;
    const { config } = createStack();
    const sandbox = createSandbox();
    const instances = [
      createApp({ config, fetch: inProcessFetch(sandbox.app), log: () => {}, idempotency: createRedisIdempotencyStore({ client, prefix }) }),
      createApp({ config, fetch: inProcessFetch(sandbox.app), log: () => {}, idempotency: createRedisIdempotencyStore({ client: await instance(), prefix }) }),
    ];
    const key = randomUUID();
    const post = (app: (typeof instances)[number]) =>
      app.request('/v1/sessions', {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }),
      });

    // Both at once (the double-click), then a late repeat on the first instance.
    const [first, second] = await Promise.all([post(instances[0]!), post(instances[1]!)]);
    const late = await post(instances[0]!);
    const bodies = (await Promise.all([first!, second!, late].map((response) => response.json()))) as { session_key: string }[];

    expect([first!.status, second!.status, late.status]).toEqual([201, 201, 201]);
    expect(new Set(bodies.map((body) => body.session_key)).size).toBe(1);
    expect([first!, second!, late].filter((response) => response.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(2);
    expect(sandbox.store.outbox).toHaveLength(1);
  });
});
