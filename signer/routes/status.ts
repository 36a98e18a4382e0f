/**
 * `GET /v1/sessions/:key/status` → `{status, updated_at}` of a session this signer created, proven by
 * its ticket. Nothing else of PAVE's session leaves the signer.
 *
 * Bounded before PAVE is asked: the caller's follow-up ceiling (`followUpGate`, in `app.ts`), then the
 * session's own (`RATE_LIMIT_STATUS_SESSION`), then the answer PAVE gave this session less than a second
 * ago (`stores/status-cache.ts`), and only then a read — in one of the site's PAVE slots.
 */
import type { Context, Handler } from 'hono';
import { SESSION_STATUSES, type SessionStatusResponse } from '../../contract/schema.ts';
import type { SiteRuntime } from '../config/registry.ts';
import { sessionCheck } from '../defences/limits.ts';
import { upstreamUnexpected, type SignerError } from '../errors.ts';
import { annotate, timeUpstream } from '../http/request-log.ts';
import { upstreamFailure } from '../policy/upstream-outcome.ts';
import { createStatusCache } from '../stores/status-cache.ts';
import { sessionOwner, type RouteContext } from './context.ts';

/** How long PAVE's answer about one session is reused. */
export const STATUS_CACHE_MS = 1000;

/** What a read of PAVE gave: the answer, or the refusal every caller in the next second gets too. */
type StatusAnswer = { ok: true; body: SessionStatusResponse } | { ok: false; error: SignerError };

/** @example app.get('/v1/sessions/:key/status', followUpGate(…), sessionStatus(context)) */
export function sessionStatus({ registry, limiter, paveSlots, now }: RouteContext): Handler {
  const cache = createStatusCache<StatusAnswer>({ ttlMs: STATUS_CACHE_MS, now: () => now().getTime() });

  return async (c) => {
    const owner = await sessionOwner(c, registry);
    const { key, site } = owner;
    annotate(c, { site: site.id, session_key: key });
    await limiter.enforce([sessionCheck('status', site, key)], { site: site.id });

    const answer = await cache.get(`${site.id}:${key}`, () => paveSlots(site.id).run(() => readStatus(c, owner)));
    if (!answer.ok) throw answer.error;
    c.header('Cache-Control', 'no-store');
    return c.json(answer.body);
  };
}

async function readStatus(c: Context, { key, pave }: { key: string } & SiteRuntime): Promise<StatusAnswer> {
  const outcome = await timeUpstream(c, () => pave.getSession(key));
  if (!outcome.ok) return { ok: false, error: upstreamFailure(outcome, 'status') };
  const status = SESSION_STATUSES.find((known) => known === outcome.value.status?.toUpperCase());
  if (!status) return { ok: false, error: upstreamUnexpected() };
  return { ok: true, body: { status, updated_at: outcome.value.updated_at ?? null } };
}
