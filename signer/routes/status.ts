/**
 * `GET /v1/sessions/:key/status` → `{status, updated_at}` of a session this signer created, proven by
 * its ticket. Nothing else of PAVE's session leaves the signer.
 */
import type { Handler } from 'hono';
import { SESSION_STATUSES, type SessionStatusResponse } from '../../contract/schema.ts';
import { upstreamUnexpected } from '../errors.ts';
import { annotate, timeUpstream } from '../http/request-log.ts';
import { upstreamFailure } from '../policy/upstream-outcome.ts';
import { sessionOwner, type RouteContext } from './context.ts';

/** @example app.get('/v1/sessions/:key/status', sessionStatus(context)) */
export function sessionStatus({ registry }: RouteContext): Handler {
  return async (c) => {
    const { key, site, pave } = await sessionOwner(c, registry);
    annotate(c, { site: site.id, session_key: key });

    const outcome = await timeUpstream(c, () => pave.getSession(key));
    if (!outcome.ok) throw upstreamFailure(outcome, 'status');
    const status = SESSION_STATUSES.find((known) => known === outcome.value.status?.toUpperCase());
    if (!status) throw upstreamUnexpected();

    const body: SessionStatusResponse = { status, updated_at: outcome.value.updated_at ?? null };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  };
}
