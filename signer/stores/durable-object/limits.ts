/**
 * Rate-limit counters in `SignerState` objects, shared by every isolate of the Worker (and every location).
 *
 * Which object counts which key — one take must stay atomic, so keys taken together share an object:
 * - the per-number and per-site counters (`phone:…`, `site:…`), taken together by every create, live in one
 *   object, `limits`. Only requests that passed the IP gate, the schema, the site's rules and the bot check
 *   reach it, and a full counter's refusals are answered by each isolate (below): far below what one object serves;
 * - the per-IP counters (`ip:…`), alone in the create's first gate and the one key a flood hits, are spread
 *   over `IP_SHARDS` objects by a hash of the key, so a flood from many addresses is spread too;
 * - the one take that spans both (a resend: its number and its caller's IP) takes the IP first, then the
 *   number, and gives the IP hit back when the number refuses: never past either ceiling, at worst an IP
 *   slot held for one round trip.
 *
 * Each isolate also remembers refusals until the refused key reopens (a full log cannot empty before its
 * oldest hit leaves), so a flood from one address is answered without asking any object.
 */
import type { LimitCheck, LimitStore, LimitVerdict } from '../limits/store.ts';
import { stubOf, type DurableObjectNamespaceLike } from './api.ts';
import { callState } from './protocol.ts';

/** How many objects the per-IP counters are spread over. Changing it moves keys: at worst a minute of IP counts forgotten. */
export const IP_SHARDS = 16;
/** The object of the per-number and per-site counters. */
const COUNTERS = 'limits';
/** Remembered refusals per isolate, at most. */
const MAX_REMEMBERED = 10_000;

/** FNV-1a: the same shard for a key in every isolate. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193);
  return value >>> 0;
}

/** The name of the object that counts `key`. */
export const counterObject = (key: string) => (key.startsWith('ip:') ? `limits:ip:${hash(key) % IP_SHARDS}` : COUNTERS);

const isVerdict = (value: unknown): value is LimitVerdict =>
  typeof value === 'object' && value !== null && ((value as { ok?: unknown }).ok === true || ((value as LimitVerdict & { ok: false }).ok === false && typeof (value as { key?: unknown }).key === 'string'));

/**
 * @example const limitStore = createDurableObjectLimitStore({ namespace: env.SIGNER_STATE });
 */
export function createDurableObjectLimitStore({ namespace }: { namespace: DurableObjectNamespaceLike }): LimitStore {
  const refusedUntil = new Map<string, number>();
  const remembered = (check: LimitCheck) => `${check.key}|${check.limit}|${check.windowMs}`;

  const takeIn = async (object: string, checks: LimitCheck[], nowMs: number): Promise<LimitVerdict> => {
    const verdict = await callState(stubOf(namespace, object), 'take', { checks, nowMs });
    if (!isVerdict(verdict)) throw new Error('SignerState answered a take with something else');
    if (!verdict.ok) {
      if (refusedUntil.size >= MAX_REMEMBERED) refusedUntil.clear();
      const check = checks.find((candidate) => candidate.key === verdict.key);
      if (check) refusedUntil.set(remembered(check), nowMs + verdict.retryAfterMs);
    }
    return verdict;
  };
  const release = (object: string, checks: LimitCheck[], at: number) => callState(stubOf(namespace, object), 'release', { keys: checks.map((check) => check.key), at });

  /** A refusal this isolate already knows of (no object call), the one that reopens last. */
  const knownRefusal = (checks: readonly LimitCheck[], nowMs: number): LimitVerdict | undefined => {
    let known: { key: string; retryAfterMs: number } | undefined;
    for (const check of checks) {
      const wait = (refusedUntil.get(remembered(check)) ?? 0) - nowMs;
      if (wait > 0 && (!known || wait > known.retryAfterMs)) known = { key: check.key, retryAfterMs: wait };
    }
    return known && { ok: false, ...known };
  };
  /** The checks by the object that counts them, IP objects first: the cheap refusal, and the one a flood meets. */
  const byObject = (checks: readonly LimitCheck[]) => {
    const groups = new Map<string, LimitCheck[]>();
    for (const check of [...checks].sort((a, b) => Number(b.key.startsWith('ip:')) - Number(a.key.startsWith('ip:')))) {
      const object = counterObject(check.key);
      groups.set(object, [...(groups.get(object) ?? []), check]);
    }
    return groups;
  };

  return {
    async peek(checks, nowMs) {
      if (!checks.length) return { ok: true };
      const known = knownRefusal(checks, nowMs);
      if (known) return known;
      for (const [object, group] of byObject(checks)) {
        const verdict = await callState(stubOf(namespace, object), 'peek', { checks: group, nowMs });
        if (!isVerdict(verdict)) throw new Error('SignerState answered a peek with something else');
        if (!verdict.ok) return verdict;
      }
      return { ok: true };
    },
    async take(checks, nowMs) {
      if (!checks.length) return { ok: true };
      const known = knownRefusal(checks, nowMs);
      if (known) return known;
      const groups = byObject(checks);
      const taken: [string, LimitCheck[]][] = [];
      try {
        for (const [object, group] of groups) {
          const verdict = await takeIn(object, group, nowMs);
          if (!verdict.ok) {
            await Promise.allSettled(taken.map(([done, doneChecks]) => release(done, doneChecks, nowMs)));
            return verdict;
          }
          taken.push([object, group]);
        }
      } catch (error) {
        await Promise.allSettled(taken.map(([done, doneChecks]) => release(done, doneChecks, nowMs)));
        throw error;
      }
      return { ok: true };
    },
    async close() {
      refusedUntil.clear();
    },
  };
}
