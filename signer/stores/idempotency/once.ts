/**
 * "Create at most once per key": the first request holding a key runs, every repeat gets its answer.
 * A repeat that arrives while the first is still with PAVE waits for that answer instead of creating
 * (and texting) a second time. Works over any `IdempotencyStore`, shared or not.
 */
import type { IdempotencyStore, StoredAnswer } from './store.ts';

export interface OnceOptions {
  store: IdempotencyStore;
  /** The store key: scoped by the caller (site, kind of key). */
  key: string;
  /** Digest of the request; a repeat with another digest is a conflict, not a replay. */
  request: string;
  /** How long to keep an answer; `0` forgets it, so the next attempt runs afresh. */
  keepFor: (answer: StoredAnswer) => number;
  /** The longest one run can take: a claim left by a crashed run expires after it, and a waiting repeat gives up. */
  runMs: number;
  /** How often a waiting repeat looks again. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type OnceResult =
  | { kind: 'fresh'; answer: StoredAnswer }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'conflict' }
  | { kind: 'busy' };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `run` may throw (a refusal before PAVE is asked, e.g. a rate limit): nothing is kept, the error goes on.
 * @example
 * const result = await once({ store, key: 'site:key:abc', request: digest, keepFor: () => 86_400_000, runMs: 25_000 }, create);
 */
export async function once(options: OnceOptions, run: () => Promise<StoredAnswer>): Promise<OnceResult> {
  const { store, key, request } = options;
  const pollMs = options.pollMs ?? 100;
  const sleep = options.sleep ?? defaultSleep;
  const maxPolls = Math.ceil(options.runMs / pollMs);

  for (let polls = 0; ; polls += 1) {
    if (await store.add(key, { state: 'pending', request }, options.runMs)) {
      let answer: StoredAnswer;
      try {
        answer = await run();
      } catch (error) {
        await store.delete(key);
        throw error;
      }
      const keep = options.keepFor(answer);
      try {
        if (keep > 0) await store.set(key, { state: 'done', request, answer }, keep);
        else await store.delete(key);
      } catch {
        // PAVE has answered: this customer gets that answer even if the store has gone away. The claim
        // expires after `runMs`; until then a repeat waits and is told to try again, never creates twice.
      }
      return { kind: 'fresh', answer };
    }
    const record = await store.get(key);
    if (record && record.request !== request) return { kind: 'conflict' };
    if (record?.state === 'done') return { kind: 'replay', answer: record.answer };
    if (polls >= maxPolls) return { kind: 'busy' };
    if (record) await sleep(pollMs); // still with PAVE: wait; gone (released): claim it at once
  }
}
