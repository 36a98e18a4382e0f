/**
 * Where idempotent answers are kept: injected, like `@hono/session`'s storage, so a deployment with
 * several instances can share one (Redis, a KV) and an in-memory map serves a single process.
 * Values are plain JSON; a shared store serialises them as it likes. Every method may be async.
 */

/** The answer a create got, kept so a repeat gets the very same one. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  /** When a kept failure stops being replayed (epoch ms): its repeats answer `Retry-After` from it. */
  retryAt?: number;
}

/**
 * `pending`: a create holding this key is on its way to PAVE. `done`: its answer.
 * `request` is a digest of the request, so the same key with another body is told apart.
 */
export type IdempotencyRecord =
  | { state: 'pending'; request: string }
  | { state: 'done'; request: string; answer: StoredAnswer };

export interface IdempotencyStore {
  /** The record under `key`, or `undefined` when there is none or it expired. */
  get(key: string): Promise<IdempotencyRecord | undefined>;
  /** Stores `record` under `key` for `ttlMs`, replacing what was there. */
  set(key: string, record: IdempotencyRecord, ttlMs: number): Promise<void>;
  /**
   * Stores `record` only when nothing is stored under `key`; `true` when it did. Atomic: of two
   * concurrent calls one wins (Redis: `SET key value NX PX ttl`). This is what stops two tabs texting twice.
   */
  add(key: string, record: IdempotencyRecord, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
}
