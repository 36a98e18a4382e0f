/**
 * The default counter store: sliding logs (`sliding-log.ts`) in this process's memory. Right for one
 * signer process; with several instances each would count alone, so use `redis.ts` there.
 *
 * Every take costs O(1) amortised, at any number of keys and any ceiling: the keys live in a `Lru` (`../lru.ts`:
 * a `Map` in use order, no walk to find the oldest), each log drops its expired hits from the
 * front. Memory is bounded: past `maxKeys` the least recently used key is dropped — one of those
 * `evictFirst` picks while there are any, so a flood of one-off client addresses cannot push a victim's
 * number or the site's daily count out — and each take also drops the oldest key of each kind when its
 * window has passed, so the store shrinks again after a flood.
 */
import { Lru } from '../lru.ts';
import { SlidingLog } from './sliding-log.ts';
import type { LimitCheck, LimitStore, LimitVerdict } from './store.ts';

interface MemoryLimitStoreOptions {
  /** Most keys kept at once (default 100 000; measured at about 0.36 KB a per-IP key in the Map-based `Lru`, so some 36 MB at worst). */
  maxKeys?: number;
  /** Keys to drop before any other when over `maxKeys` (the cheap-to-lose ones, e.g. per-IP counters). */
  evictFirst?: (key: string) => boolean;
}

/**
 * @example const store = createMemoryLimitStore(); await store.take([{ key: 'phone:+12025550143', limit: 3, windowMs: 3_600_000 }], Date.now());
 */
export function createMemoryLimitStore(options: MemoryLimitStoreOptions = {}): LimitStore & { size(): number } {
  const maxKeys = options.maxKeys ?? 100_000;
  const evictFirst = options.evictFirst ?? (() => false);
  // Two lists, so the key to drop is always at the end of one of them: never a search.
  const cheap = new Lru<string, SlidingLog>({ max: maxKeys });
  const kept = new Lru<string, SlidingLog>({ max: maxKeys });
  const tierOf = (key: string) => (evictFirst(key) ? cheap : kept);
  const size = () => cheap.size + kept.size;

  /** Drops the least recently used log of each list when nothing of it is left in its window. */
  const sweep = (nowMs: number) => {
    for (const tier of [cheap, kept]) {
      const oldest = tier.oldest();
      if (oldest === undefined) continue;
      const log = tier.peek(oldest);
      if (log && log.lastHit + log.windowMs <= nowMs) tier.delete(oldest);
    }
  };

  /** The verdict for `checks` at `nowMs`, recording nothing. */
  const judge = (checks: readonly LimitCheck[], nowMs: number): LimitVerdict => {
    let refused: { key: string; retryAfterMs: number } | undefined;
    for (const check of checks) {
      const log = tierOf(check.key).peek(check.key);
      if (!log || log.live(check.windowMs, nowMs) < check.limit) continue;
      const wait = log.waitForRoom(check.limit, check.windowMs, nowMs);
      if (!refused || wait > refused.retryAfterMs) refused = { key: check.key, retryAfterMs: wait };
    }
    return refused ? { ok: false, ...refused } : { ok: true };
  };

  return {
    async take(checks, nowMs) {
      sweep(nowMs);
      const verdict = judge(checks, nowMs);
      if (!verdict.ok) return verdict;
      for (const check of checks) {
        const tier = tierOf(check.key);
        const log = tier.peek(check.key) ?? new SlidingLog(check.windowMs);
        log.record(nowMs);
        log.windowMs = Math.max(log.windowMs, check.windowMs);
        tier.set(check.key, log); // most recently used now
        while (size() > maxKeys) (cheap.size ? cheap : kept).pop();
      }
      return verdict;
    },
    async peek(checks, nowMs) {
      return judge(checks, nowMs);
    },
    async close() {
      cheap.clear();
      kept.clear();
    },
    size,
  };
}
