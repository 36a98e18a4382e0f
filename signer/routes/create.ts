/**
 * `POST /v1/sessions`, the steps after the body is read and checked (see `app.ts` for the whole chain):
 * which site the create is for, that site's rules, then once per idempotency scope: admit, PAVE, answer.
 * Nothing reaches PAVE until every check has passed, and a repeat never reaches it at all.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { CreateSessionResponse, ValidCreateSessionRequest } from '../../contract/schema.ts';
import type { SiteRegistry, SiteRuntime } from '../config/registry.ts';
import { errorBody, idempotencyKeyReused, mayHaveTexted, upstreamTimeout } from '../errors.ts';
import { ipLimitKey } from '../http/client-ip.ts';
import { annotate, maskVin, timeUpstream } from '../http/request-log.ts';
import { buildCreateSessionBody } from '../pave/payload.ts';
import { IDEMPOTENCY, idempotencyScope } from '../policy/idempotency-scope.ts';
import { applySiteRules, type RuledRequest } from '../policy/site-rules.ts';
import { mayHaveActed, upstreamFailure } from '../policy/upstream-outcome.ts';
import { once } from '../stores/idempotency/once.ts';
import type { StoredAnswer } from '../stores/idempotency/store.ts';
import type { RouteContext } from './context.ts';

/** What each step hands the next: the validated body (from `schema`), the site, the ruled request. */
interface CreateEnv {
  Variables: { runtime: SiteRuntime; ruled: RuledRequest };
}
type Validated = { in: object; out: { json: ValidCreateSessionRequest } };
type CreateStep = MiddlewareHandler<CreateEnv, string, Validated>;

/**
 * The site a create is for: the one it names, else the one its page's origin picks (see `config/registry.ts`).
 * `404 unknown_site`, or `403 origin_not_allowed` when that site does not allow the page.
 */
export const resolveSite =
  (registry: SiteRegistry): CreateStep =>
  async (c, next) => {
    c.set('runtime', registry.forCreate(c.req.valid('json').site, c.req.header('Origin') ?? ''));
    await next();
  };

/** The site's rules (VIN required or strict, a textable number) on top of the contract; `400` when broken. */
export const siteRules: CreateStep = async (c, next) => {
  const ruled = applySiteRules(c.var.runtime.site, c.req.valid('json'));
  const { customer } = ruled;
  annotate(c, { site: c.var.runtime.site.id, delivery: customer.delivery, phone: ruled.smsTo, vin: customer.vin && maskVin(customer.vin) });
  c.set('ruled', ruled);
  await next();
};

/**
 * Once per idempotency scope (the caller's: site and client): admit (the bot check and the ceilings),
 * then PAVE, then the answer with its ticket, in one of the site's PAVE slots (`503 busy` when none is
 * free, before anything is spent). A repeat gets the first answer (`Idempotent-Replayed: true`) and
 * reaches neither.
 */
export function createSession({ admit, paveSlots, clientIp, idempotency, sleep, hashing }: RouteContext): CreateStep {
  return async (c) => {
    const { site, pave, tickets } = c.var.runtime;
    const { customer, smsTo } = c.var.ruled;
    const ip = clientIp?.(c);
    const scope = await idempotencyScope({ header: c.req.header('Idempotency-Key'), siteId: site.id, customer, client: ipLimitKey(ip), hashing });

    let keepMs = 0;
    const admitAndCreate = async (): Promise<StoredAnswer> => {
      await admit({ kind: 'create', site, delivery: customer.delivery, phone: customer.phone, ip, headers: c.req.raw.headers });
      const outcome = await timeUpstream(c, () => pave.createSession(buildCreateSessionBody(site.session, customer)));
      if (!outcome.ok) {
        const error = upstreamFailure(outcome, 'create');
        // Kept (and replayed) only when a repeat could text a second time: PAVE may have acted on an SMS create.
        // A refusal (4xx), a connection that never opened, or a link (no text to repeat): a repeat tries again.
        if (customer.delivery !== 'sms' || !mayHaveActed(outcome)) return { status: error.status, body: errorBody(error) };
        keepMs = IDEMPOTENCY.uncertainTtlMs;
        const uncertain = mayHaveTexted(error, Math.ceil(keepMs / 1000));
        return { status: error.status, body: errorBody(uncertain), retryAt: Date.now() + keepMs };
      }
      keepMs = scope?.ttlMs ?? 0;
      const sessionKey = outcome.value.session_key;
      const body: CreateSessionResponse = {
        session_key: sessionKey,
        capture_url: outcome.value.capture_url || pave.captureUrlFor(sessionKey),
        delivery: customer.delivery,
        ...(smsTo ? { sms_to: smsTo } : {}),
        ticket: await tickets.issue(site.id, sessionKey),
      };
      return { status: 201, body };
    };
    const create = (): Promise<StoredAnswer> => paveSlots(site.id).run(admitAndCreate);

    if (!scope) return answer(c, await create(), false);
    annotate(c, { idempotency: scope.kind });
    const result = await once(
      {
        store: idempotency,
        key: scope.key,
        request: scope.request,
        keepFor: () => Math.min(keepMs, scope.ttlMs),
        // Two PAVE budgets (the call and its one retry) and some slack: a claim left by a crash expires after this.
        runMs: site.pave.timeoutMs * 2 + 5_000,
        sleep,
      },
      create,
    );
    switch (result.kind) {
      case 'fresh':
        return answer(c, result.answer, false);
      case 'replay':
        return answer(c, result.answer, true);
      case 'conflict':
        throw idempotencyKeyReused();
      case 'busy':
        throw upstreamTimeout();
    }
  };
}

function answer(c: Context, stored: StoredAnswer, replayed: boolean): Response {
  const body = stored.body as CreateSessionResponse | undefined;
  annotate(c, { replayed, ...(stored.status === 201 && body ? { session_key: body.session_key } : {}) });
  if (replayed) c.header('Idempotent-Replayed', 'true');
  if (stored.retryAt !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil((stored.retryAt - Date.now()) / 1000))));
  return c.json(stored.body, stored.status as 201);
}
