/**
 * `GET /v1/sessions/:key/status` → `{status, updated_at}` of a session this signer created, proven by
 * its ticket (`Authorization: Bearer <ticket>`). Nothing else of PAVE's session leaves the signer, and a
 * missing or wrong ticket looks exactly like an unknown session.
 */
import { Hono } from 'hono';
import { SESSION_STATUSES, type SessionStatusResponse } from '../../contract/schema.ts';
import { SignerError } from '../errors.ts';
import { annotate, timeUpstream } from '../http/request-log.ts';
import { SESSION_KEY_PATTERN } from '../pave/types.ts';
import type { RouteContext } from './create.ts';
import { bearerTicket } from '../policy/ticket.ts';
import { unknownSession, upstreamFailure } from '../policy/upstream-outcome.ts';

export function statusRoute({ registry }: RouteContext): Hono {
  return new Hono().get('/:key/status', async (c) => {
    const key = c.req.param('key');
    const owner = SESSION_KEY_PATTERN.test(key)
      ? await registry.ownerOf(c.req.header('Origin'), key, bearerTicket(c.req.header('Authorization')))
      : undefined;
    if (!owner) throw unknownSession();
    annotate(c, { site: owner.site.id, session_key: key });

    const outcome = await timeUpstream(c, () => owner.pave.getSession(key));
    if (!outcome.ok) throw upstreamFailure(outcome, 'status');
    const status = SESSION_STATUSES.find((known) => known === outcome.value.status?.toUpperCase());
    if (!status) throw new SignerError('upstream_error', 'The inspection service answered unexpectedly. Please try again later.');

    const body: SessionStatusResponse = { status, updated_at: outcome.value.updated_at ?? null };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
}
