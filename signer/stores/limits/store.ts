/**
 * Where rate-limit counters live. One operation, all-or-nothing, so several ceilings (phone, site per
 * minute, site per day) are checked and counted together: a request refused by one ceiling spends
 * nothing from the others, and a refused request is not counted at all (a flood of refusals cannot
 * push the reopening further away).
 *
 * Each counter is a sliding log: "at most `limit` hits in any `windowMs`", exact, with the wait until
 * the next free slot as `Retry-After`. Implementations: `memory.ts` (one process), `redis.ts` (shared).
 */

/** One ceiling: at most `limit` hits under `key` in any window of `windowMs`. */
export interface LimitCheck {
  key: string;
  limit: number;
  windowMs: number;
}

export type LimitVerdict =
  | { ok: true }
  /** `key` is the ceiling that reopens last; `retryAfterMs` is how long until every refused one reopens. */
  | { ok: false; key: string; retryAfterMs: number };

export interface LimitStore {
  /**
   * Records one hit at `nowMs` under every key when each is below its limit; otherwise records nothing
   * and says which key refused. Atomic with respect to other callers of the same store.
   */
  take(checks: readonly LimitCheck[], nowMs: number): Promise<LimitVerdict>;
  /**
   * The verdict `take` would give at `nowMs`, recording nothing: how a gate refuses a caller already over
   * a ceiling (before the body is read) without spending it on a request that may still be refused later.
   */
  peek(checks: readonly LimitCheck[], nowMs: number): Promise<LimitVerdict>;
  /** Releases connections, if any. */
  close(): Promise<void>;
}

/** How long until a log with these hit times (ascending, all inside the window) has room for one more. */
export function waitForRoom(hits: readonly number[], check: LimitCheck, nowMs: number): number {
  // With n ≥ limit hits, hit number n − limit (0-based) must leave the window first.
  const blocking = hits[hits.length - check.limit];
  return blocking === undefined ? 0 : Math.max(1, blocking + check.windowMs - nowMs);
}
