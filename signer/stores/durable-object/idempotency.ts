/**
 * Idempotent answers in `SignerState` objects, one object per key: a repeat that lands on another isolate
 * (or another location) finds the first request's claim or answer. `add` is atomic in its object, so of two
 * tabs racing for one key exactly one creates; a repeat that finds the claim waits for the answer by
 * asking again (see `../idempotency/once.ts`). Keys never contend with each other, and an object holding
 * an expired answer deletes it on its alarm.
 */
import type { IdempotencyRecord, IdempotencyStore } from '../idempotency/store.ts';
import { stubOf, type DurableObjectNamespaceLike } from './api.ts';
import { callState } from './protocol.ts';

/** The name of the object that keeps `key`'s answer. */
export const recordObject = (key: string) => `record:${key}`;

/**
 * @example const idempotency = createDurableObjectIdempotencyStore({ namespace: env.SIGNER_STATE });
 */
export function createDurableObjectIdempotencyStore({ namespace }: { namespace: DurableObjectNamespaceLike }): IdempotencyStore {
  const stub = (key: string) => stubOf(namespace, recordObject(key));
  return {
    async get(key) {
      const { record } = (await callState(stub(key), 'get', { key })) as { record: IdempotencyRecord | null };
      return record ?? undefined;
    },
    async set(key, record, ttlMs) {
      await callState(stub(key), 'set', { key, record, ttlMs });
    },
    async add(key, record, ttlMs) {
      const { added } = (await callState(stub(key), 'add', { key, record, ttlMs })) as { added: boolean };
      return added === true;
    },
    async delete(key) {
      await callState(stub(key), 'delete', { key });
    },
  };
}
