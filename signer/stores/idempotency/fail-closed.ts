/**
 * A shared store that stops answering (Redis restarting, a network split) must not turn into a 500 —
 * nor into creates without idempotency, which could text a customer twice. Every failure becomes the
 * contract's `502 upstream_error`, the answer the rate limiter gives in the same case.
 */
import { storeUnavailable } from '../../errors.ts';
import type { IdempotencyStore } from './store.ts';

export function failClosed(store: IdempotencyStore): IdempotencyStore {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch {
        throw storeUnavailable();
      }
    };
  return {
    get: guard((key) => store.get(key)),
    set: guard((key, record, ttlMs) => store.set(key, record, ttlMs)),
    add: guard((key, record, ttlMs) => store.add(key, record, ttlMs)),
    delete: guard((key) => store.delete(key)),
  };
}
