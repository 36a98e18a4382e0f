/**
 * What the routes share, built once by `createApp`: the sites, the last gate before PAVE, the counters,
 * each site's PAVE slots, and how to read the caller and the clock — plus the one lookup the follow-up
 * routes (status, resend) start with.
 */
import type { Context } from 'hono';
import type { SiteRegistry, SiteRuntime } from '../config/registry.ts';
import type { Admit } from '../defences/attempt.ts';
import type { Limiter } from '../defences/limits.ts';
import type { PaveSlots } from '../defences/pave-slots.ts';
import { unknownSession } from '../errors.ts';
import type { ClientIpReader } from '../http/client-ip.ts';
import type { Hashing } from '../pave/hashing.ts';
import { SESSION_KEY_PATTERN } from '../pave/types.ts';
import { bearerTicket } from '../policy/ticket.ts';
import type { IdempotencyStore } from '../stores/idempotency/store.ts';

export interface RouteContext {
  registry: SiteRegistry;
  /** The last gate before PAVE (`defences/admit.ts` unless the app was given another). */
  admit: Admit;
  /** The counters, for the ceilings a route takes itself (one session's follow-up calls). */
  limiter: Limiter;
  /** The cap on a site's PAVE calls in flight on this instance (`PAVE_MAX_CONCURRENCY`), by site id. */
  paveSlots: (siteId: string) => PaveSlots;
  clientIp?: ClientIpReader;
  now: () => Date;
  /** Where idempotent answers are kept, failing closed. */
  idempotency: IdempotencyStore;
  /** How a repeat waits for the first request's answer. */
  sleep?: (ms: number) => Promise<void>;
  hashing?: Hashing;
}

/**
 * The site that created session `:key`, proven by the request's ticket (`Authorization: Bearer <ticket>`)
 * and its origin; `404 unknown_session` otherwise — a wrong ticket looks exactly like an unknown session.
 */
export async function sessionOwner(c: Context, registry: SiteRegistry): Promise<{ key: string } & SiteRuntime> {
  const key = c.req.param('key') ?? '';
  const owner = SESSION_KEY_PATTERN.test(key)
    ? await registry.ownerOf(c.req.header('Origin'), key, bearerTicket(c.req.header('Authorization')))
    : undefined;
  if (!owner) throw unknownSession();
  return { key, ...owner };
}
