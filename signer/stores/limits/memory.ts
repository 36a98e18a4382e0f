/**
 * The default counter store: sliding logs in this process's memory. Right for one signer process; with
 * several instances each would count alone, so use `redis.ts` there.
 *
 * Memory is bounded: logs never grow past their limit (refused hits are not stored), logs whose window
 * has passed are swept, and past `maxKeys` the least recently used keys are dropped — those `evictFirst`
 * picks before any other, so a flood of one-off client addresses cannot push a victim's number out.
 */
import { waitForRoom, type LimitCheck, type LimitStore, type LimitVerdict } from './store.ts';

interface Log {
  hits: number[];
  windowMs: number;
}

interface MemoryLimitStoreOptions {
  /** Most keys kept at once (default 100 000; measured at about 0.7 KB a key, so some 70 MB at worst). */
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
  const logs = new Map<string, Log>();
  let takesSinceSweep = 0;

  /** The hits still inside the window, oldest first. */
  const live = (key: string, windowMs: number, nowMs: number): number[] => {
    const log = logs.get(key);
    if (!log) return [];
    const firstLive = log.hits.findIndex((at) => at > nowMs - windowMs);
    if (firstLive === -1) log.hits.length = 0;
    else if (firstLive > 0) log.hits.splice(0, firstLive);
    return log.hits;
  };

  const sweep = (nowMs: number) => {
    for (const [key, log] of logs) if (!live(key, log.windowMs, nowMs).length) logs.delete(key);
    // Map order is least recently used first (every take re-inserts its keys).
    for (const preferred of [true, false]) {
      for (const key of logs.keys()) {
        if (logs.size <= maxKeys) return;
        if (!preferred || evictFirst(key)) logs.delete(key);
      }
    }
  };

  return {
    async take(checks: readonly LimitCheck[], nowMs: number): Promise<LimitVerdict> {
      let refused: { key: string; retryAfterMs: number } | undefined;
      for (const check of checks) {
        const hits = live(check.key, check.windowMs, nowMs);
        if (hits.length < check.limit) continue;
        const wait = waitForRoom(hits, check, nowMs);
        if (!refused || wait > refused.retryAfterMs) refused = { key: check.key, retryAfterMs: wait };
      }
      if (refused) return { ok: false, ...refused };

      for (const check of checks) {
        const log = logs.get(check.key) ?? { hits: [], windowMs: check.windowMs };
        log.hits.push(nowMs);
        // A clock that stepped back must not break the oldest-first order the waits rely on.
        if (log.hits.length > 1 && log.hits[log.hits.length - 2]! > nowMs) log.hits.sort((a, b) => a - b);
        log.windowMs = Math.max(log.windowMs, check.windowMs);
        logs.delete(check.key);
        logs.set(check.key, log);
      }
      if (++takesSinceSweep >= 1000 || logs.size > maxKeys) {
        takesSinceSweep = 0;
        sweep(nowMs);
      }
      return { ok: true };
    },
    async close() {
      logs.clear();
    },
    size: () => logs.size,
  };
}
