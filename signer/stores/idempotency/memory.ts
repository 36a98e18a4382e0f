/**
 * The default idempotency store: a Map in this process, entries expiring on their own clock and the
 * oldest dropped first when it is full. Right for one Node process; several instances (or Workers
 * isolates) need a shared store behind the same interface.
 */
import type { IdempotencyRecord, IdempotencyStore } from './store.ts';

interface MemoryIdempotencyStoreOptions {
  /** At most this many entries; the oldest go first. */
  maxEntries?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/**
 * @example const store = createMemoryIdempotencyStore({ maxEntries: 10_000 });
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { record: IdempotencyRecord; expiresAt: number }>();

  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entry && entry.expiresAt > now() ? entry : undefined;
  };
  const put = (key: string, record: IdempotencyRecord, ttlMs: number) => {
    entries.delete(key); // re-inserted last: Map order is age order
    entries.set(key, { record: structuredClone(record), expiresAt: now() + ttlMs });
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(oldest);
    }
  };

  return {
    async get(key) {
      const entry = live(key);
      return entry && structuredClone(entry.record);
    },
    async set(key, record, ttlMs) {
      put(key, record, ttlMs);
    },
    async add(key, record, ttlMs) {
      if (live(key)) return false;
      put(key, record, ttlMs);
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
