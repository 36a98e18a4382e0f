/**
 * Which earlier create a request repeats, and for how long its answer is kept. The `Idempotency-Key`
 * header when sent; else a short-lived fingerprint of the whole request (site and every field of the
 * customer's). Either way the scope is the caller's — site and client (IP, or its /64 for IPv6) — so a
 * replay answers only whoever made the first request: a stranger presenting the same key and body, or
 * the same number and VIN, starts a request of their own and collects nobody's link. No key and neither
 * phone nor VIN: nothing to recognise a repeat by.
 */
import { IdempotencyKey } from '../../contract/schema.ts';
import { invalidIdempotencyKey } from '../errors.ts';
import type { Hashing } from '../pave/hashing.ts';
import type { CustomerInput } from '../pave/payload.ts';
import { digestOf } from '../stores/idempotency/digest.ts';

/** How long answers are kept for repeats. */
export const IDEMPOTENCY = {
  /** An answer to a request with an `Idempotency-Key`. */
  keyTtlMs: 24 * 60 * 60 * 1000,
  /** Without a key, a repeat of the whole request from the same client within this window is the same request. */
  fingerprintTtlMs: 2 * 60 * 1000,
  /** A timeout or a 5xx: PAVE may have created (and texted), so a repeat soon after gets the same answer, not a second text. */
  uncertainTtlMs: 2 * 60 * 1000,
} as const;

/** The store key of a create, the digest its repeats must match, and how long a success is kept. */
interface IdempotencyScope {
  kind: 'key' | 'fingerprint';
  key: string;
  request: string;
  ttlMs: number;
}

interface ScopeInput {
  /** The `Idempotency-Key` header as sent, or `undefined`. */
  header: string | undefined;
  siteId: string;
  customer: CustomerInput;
  /** Who is asking: the client's counter key (`ipLimitKey`: its IP, or its /64 for IPv6). */
  client: string;
  hashing?: Hashing;
}

/**
 * @example await idempotencyScope({ header: 'k1', siteId: 'default', customer, client: ipLimitKey(ip) }) // { kind: 'key', key: 'idempotency:default:key:…', … }
 */
export async function idempotencyScope({ header, siteId, customer, client, hashing }: ScopeInput): Promise<IdempotencyScope | undefined> {
  if (header !== undefined) {
    const key = IdempotencyKey.safeParse(header);
    if (!key.success) throw invalidIdempotencyKey(key.error.issues[0]?.message);
    return {
      kind: 'key',
      key: `idempotency:${siteId}:key:${await digestOf({ key: key.data, client }, hashing)}`,
      request: await digestOf({ site: siteId, customer }, hashing),
      ttlMs: IDEMPOTENCY.keyTtlMs,
    };
  }
  if (!customer.phone && !customer.vin) return undefined;
  const fingerprint = await digestOf({ site: siteId, customer, client }, hashing);
  return { kind: 'fingerprint', key: `idempotency:${siteId}:fingerprint:${fingerprint}`, request: fingerprint, ttlMs: IDEMPOTENCY.fingerprintTtlMs };
}
