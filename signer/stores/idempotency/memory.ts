/**
 * The default idempotency store: answers in this process's memory, each expiring on its own clock, the
 * oldest dropped first when it is full. Right for one Node process; several instances (or Workers
 * isolates) need a shared store behind the same interface.
 *
 * Bounded and O(1) at any size: the entries live in a `Lru` (`../lru.ts`: a `Map` in use order, no walk
 * to find the oldest, however many were dropped before). The default 100 000 answers take some 90 MB at
 * worst (measured in the Map-based `Lru`: ≈ 0.9 KB per create answer with its key, ticket and masked number), so a key is
 * remembered its full 24 hours up to about 1.1 creates a second sustained — more than one dealer's
 * signer sees; beyond that, the oldest answers go first.
 */
import { Lru } from '../lru.ts';
import type { IdempotencyRecord, IdempotencyStore } from './store.ts';

/** The default bound: at least this many answers are kept (24 hours of 1.1 creates a second). */
export const DEFAULT_MAX_ANSWERS = 100_000;

interface MemoryIdempotencyStoreOptions {
  /** At most this many entries; the oldest go first. */
  maxEntries?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

interface Entry {
  record: IdempotencyRecord;
  expiresAt: number;
}

/**
 * @example const store = createMemoryIdempotencyStore({ maxEntries: 200_000 });
 */
export function createMemoryIdempotencyStore(options: MemoryIdempotencyStoreOptions = {}): IdempotencyStore & { size(): number } {
  const now = options.now ?? Date.now;
  const entries = new Lru<string, Entry>({ max: options.maxEntries ?? DEFAULT_MAX_ANSWERS });

  /** The live entry under `key` (an expired one is dropped); reading does not make it younger. */
  const live = (key: string) => {
    const entry = entries.peek(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entry && entry.expiresAt > now() ? entry : undefined;
  };
  const put = (key: string, record: IdempotencyRecord, ttlMs: number) => {
    // Re-inserted as the newest: the list's order is the age order.
    entries.delete(key);
    entries.set(key, { record: structuredClone(record), expiresAt: now() + ttlMs });
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
    size: () => entries.size,
  };
}

