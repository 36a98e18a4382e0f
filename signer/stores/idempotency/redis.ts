/**
 * Idempotent answers in Redis, so a repeat that lands on another signer instance still gets the first
 * answer instead of a second session and a second text. `add` is `SET key value NX PX ttl`: atomic on the
 * server, so of two instances racing for one key exactly one creates.
 *
 * Records are JSON under `prefix + key` and expire with their TTL. It shares the counter store's
 * connection (`../redis.ts`, opened by `signer/node.ts`).
 */
import type { RedisKeyValueClient } from '../redis.ts';
import type { IdempotencyRecord, IdempotencyStore } from './store.ts';

/**
 * @example const idempotency = createRedisIdempotencyStore({ client: await connectRedis(url) });
 */
export function createRedisIdempotencyStore(options: { client: RedisKeyValueClient; prefix?: string }): IdempotencyStore {
  const prefix = options.prefix ?? 'pave-capture:idem:';
  const { client } = options;
  // Redis refuses PX 0 and rounds nothing: at least one millisecond, whole.
  const px = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

  return {
    async get(key) {
      const text = await client.get(prefix + key);
      if (typeof text !== 'string') return undefined;
      try {
        return JSON.parse(text) as IdempotencyRecord;
      } catch {
        return undefined; // not ours (a shared prefix?): treat as absent rather than crash
      }
    },
    async set(key, record, ttlMs) {
      await client.set(prefix + key, JSON.stringify(record), { expiration: { type: 'PX', value: px(ttlMs) } });
    },
    async add(key, record, ttlMs) {
      return (await client.set(prefix + key, JSON.stringify(record), { condition: 'NX', expiration: { type: 'PX', value: px(ttlMs) } })) === 'OK';
    },
    async delete(key) {
      await client.del(prefix + key);
    },
  };
}
