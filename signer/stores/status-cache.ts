/**
 * Status answers kept for a second: many widgets polling one session (or one widget open in many tabs)
 * cost PAVE at most about one read per session per second on each instance. Calls that arrive while a
 * read is with PAVE wait for that read instead of starting their own, so even a burst costs one.
 * In this process's memory, bounded (the least recently used session goes first); a read that fails
 * outright (the PAVE call was refused before it started, e.g. `503 busy`) is not kept.
 */
import { Lru } from './lru.ts';

export interface StatusCache<V> {
  /** The value read for `key` less than `ttlMs` ago, or being read now; else what `read()` resolves to, kept. */
  get(key: string, read: () => Promise<V>): Promise<V>;
}

interface StatusCacheOptions {
  /** How long an answer is kept after PAVE gave it (default 1000 ms). */
  ttlMs?: number;
  /** Most sessions kept at once (default 10 000). */
  maxEntries?: number;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

interface Entry<V> {
  value: Promise<V>;
  /** When the read settled; `undefined` while it is with PAVE. */
  settledAt: number | undefined;
}

/**
 * @example const answer = await cache.get(`${site.id}:${key}`, () => readStatus(pave, key));
 */
export function createStatusCache<V>(options: StatusCacheOptions = {}): StatusCache<V> {
  const ttlMs = options.ttlMs ?? 1000;
  const now = options.now ?? Date.now;
  const entries = new Lru<string, Entry<V>>({ max: options.maxEntries ?? 10_000 });

  return {
    get(key, read) {
      const cached = entries.get(key);
      if (cached && (cached.settledAt === undefined || now() - cached.settledAt < ttlMs)) return cached.value;
      const entry: Entry<V> = { value: read(), settledAt: undefined };
      entries.set(key, entry);
      entry.value.then(
        () => void (entry.settledAt = now()),
        () => void (entries.peek(key) === entry && entries.delete(key)),
      );
      return entry.value;
    },
  };
}
