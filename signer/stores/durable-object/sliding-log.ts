/**
 * The counters' rule, as `SignerState` keeps them: one sliding log of hit times per key, "at most `limit`
 * hits in any `windowMs`", all or nothing across the keys of one take (the rule of `../limits/store.ts`,
 * which the memory and Redis stores follow too). Pure: the object reads the logs, this decides, the object
 * writes back what changed.
 */
import { waitForRoom, type LimitCheck, type LimitVerdict } from '../limits/store.ts';

/** One key's log as stored: hit times, oldest first, and the longest window they were counted for. */
export interface StoredLog {
  hits: number[];
  windowMs: number;
}

/** The hits of `log` still inside `windowMs` at `nowMs`. */
function liveHits(log: StoredLog | undefined, windowMs: number, nowMs: number): number[] {
  return log ? log.hits.filter((at) => at > nowMs - windowMs) : [];
}

/**
 * Decides one take over the current logs (`logs.get(key)`, absent when the key has none) and returns the
 * verdict with the logs to write: every key's log with the hit added, or nothing at all when refused.
 * @example takeHits(new Map(), [{ key: 'ip:192.0.2.1', limit: 20, windowMs: 60_000 }], Date.now()) // { verdict: { ok: true }, writes: Map(1) }
 */
export function takeHits(logs: ReadonlyMap<string, StoredLog>, checks: readonly LimitCheck[], nowMs: number): { verdict: LimitVerdict; writes: Map<string, StoredLog> } {
  let refused: { key: string; retryAfterMs: number } | undefined;
  for (const check of checks) {
    const hits = liveHits(logs.get(check.key), check.windowMs, nowMs);
    if (hits.length < check.limit) continue;
    const wait = waitForRoom(hits, check, nowMs);
    if (!refused || wait > refused.retryAfterMs) refused = { key: check.key, retryAfterMs: wait };
  }
  if (refused) return { verdict: { ok: false, ...refused }, writes: new Map() };

  const writes = new Map<string, StoredLog>();
  for (const check of checks) {
    const stored = writes.get(check.key) ?? logs.get(check.key);
    const windowMs = Math.max(stored?.windowMs ?? 0, check.windowMs);
    // A clock that stepped back must not break the oldest-first order the waits rely on.
    const hits = [...liveHits(stored, windowMs, nowMs), nowMs].sort((a, b) => a - b);
    writes.set(check.key, { hits, windowMs });
  }
  return { verdict: { ok: true }, writes };
}

/** `log` without one hit logged at `at` (a take given back), or `undefined` when it had none. */
export function withoutHit(log: StoredLog | undefined, at: number): StoredLog | undefined {
  const index = log ? log.hits.indexOf(at) : -1;
  if (!log || index === -1) return undefined;
  return { hits: log.hits.toSpliced(index, 1), windowMs: log.windowMs };
}

/** When a log has no live hit left and can be deleted. */
export const logExpiresAt = (log: StoredLog) => Math.max(...log.hits) + log.windowMs;
