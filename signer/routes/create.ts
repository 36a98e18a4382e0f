/**
 * `/v1/sessions`: create here; status and resend in their own files, mounted below.
 * Create: validate → resolve the site → apply its rules → once per idempotency key → admit → PAVE → answer.
 * Nothing reaches PAVE until every check has passed, and a repeat never reaches it at all.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import {
  CreateSessionRequest,
  IdempotencyKey,
  MAX_BODY_BYTES,
  toIssues,
  type CreateSessionResponse,
  type ValidCreateSessionRequest,
} from '../../contract/schema.ts';
import { checkVin, VIN_MESSAGES } from '../../contract/vin.ts';
import type { SignerConfig, SiteConfig } from '../config/environment.ts';
import { errorBody, errorResponse, invalidField, SignerError } from '../errors.ts';
import { digestOf } from '../stores/idempotency/digest.ts';
import type { Hashing } from '../pave/hashing.ts';
import { failClosed } from '../stores/idempotency/fail-closed.ts';
import { createMemoryIdempotencyStore } from '../stores/idempotency/memory.ts';
import { once } from '../stores/idempotency/once.ts';
import type { IdempotencyStore, StoredAnswer } from '../stores/idempotency/store.ts';
import { readJson } from '../http/body.ts';
import { annotate, maskVin, timeUpstream } from '../http/request-log.ts';
import { buildCreateSessionBody, type CustomerInput } from '../pave/payload.ts';
import { maskE164, toTextablePhone } from '../policy/textable-phone.ts';
import { createSiteRegistry, type SiteRegistry } from '../config/registry.ts';
import { resendRoute } from './resend.ts';
import { statusRoute } from './status.ts';
import { upstreamFailure } from '../policy/upstream-outcome.ts';

/**
 * One call that passed validation and the site's rules and is about to make PAVE act — `create` (a new
 * session, texted when `delivery` is `sms`) or `resend` (the link texted again) — handed to `admit`.
 */
export interface CreateAttempt {
  kind: 'create' | 'resend';
  site: SiteConfig;
  /** Always `sms` for a resend. */
  delivery: 'link' | 'sms';
  /** E.164 destination, for `sms` and every resend. */
  phone?: string;
  /** For a resend: the session whose link is texted again. */
  sessionKey?: string;
  /** The client's IP as the runtime reports it (see `SessionsDeps.clientIp`). */
  ip: string | undefined;
  headers: Headers;
}

export interface SessionsDeps {
  config: SignerConfig;
  fetch?: typeof fetch;
  now?: () => Date;
  /** The client's IP: the socket's on Node, `CF-Connecting-IP` on Workers; supplied by the entry file. */
  clientIp?: (c: Context) => string | undefined;
  /**
   * The last gate before PAVE (rate limits, bot check, …): throws a `SignerError` to refuse.
   * Called once per create that would reach PAVE (never for a replayed answer) and once per resend.
   */
  admit?: (attempt: CreateAttempt) => Promise<void>;
  /** Where idempotent answers are kept; one in-memory store per app by default. */
  idempotency?: IdempotencyStore;
  /** How a repeat waits for the first request's answer (tests may pass a faster one). */
  sleep?: (ms: number) => Promise<void>;
  /** HMAC and SHA-256: Web Crypto by default; the Node entry passes node:crypto's (see pave/hashing.ts). */
  hashing?: Hashing;
}

/** What `status.ts` and `resend.ts` share with the create route. */
export interface RouteContext {
  deps: SessionsDeps;
  registry: SiteRegistry;
}

/** How long answers are kept for repeats. */
export const IDEMPOTENCY = {
  /** An answer to a request with an `Idempotency-Key`. */
  keyTtlMs: 24 * 60 * 60 * 1000,
  /** Without a key, a repeat of site + delivery + phone + VIN (+ client IP) within this window is the same request. */
  fingerprintTtlMs: 2 * 60 * 1000,
  /** A timeout or a 5xx: PAVE may have created (and texted), so a repeat soon after gets the same answer, not a second text. */
  uncertainTtlMs: 2 * 60 * 1000,
} as const;

export function sessionsRoutes(deps: SessionsDeps): Hono {
  const registry = createSiteRegistry(deps.config, { fetch: deps.fetch, now: deps.now, hashing: deps.hashing });
  const store = failClosed(deps.idempotency ?? createMemoryIdempotencyStore());
  const context: RouteContext = { deps, registry };

  const app = new Hono();
  app.post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => errorResponse(new SignerError('payload_too_large', `The request body must be at most ${MAX_BODY_BYTES} bytes.`)),
    }),
    async (c, next) => {
      await readJson(c);
      await next();
    },
    validator('json', (value) => {
      const result = CreateSessionRequest.safeParse(value);
      if (!result.success) {
        throw new SignerError('invalid_request', 'Please correct the highlighted fields.', { issues: toIssues(result.error.issues) });
      }
      return result.data;
    }),
    async (c) => {
      const request = c.req.valid('json');
      const { site, pave, tickets } = registry.forCreate(request.site, c.req.header('Origin') ?? '');
      const { customer, smsTo } = applySiteRules(site, request);
      annotate(c, { site: site.id, delivery: customer.delivery, phone: smsTo, vin: customer.vin && maskVin(customer.vin) });
      const ip = deps.clientIp?.(c);
      const scope = await idempotencyScope(c, site, customer, ip, deps.hashing);

      let keepMs = 0;
      const create = async (): Promise<StoredAnswer> => {
        await deps.admit?.({ kind: 'create', site, delivery: customer.delivery, phone: customer.phone, ip, headers: c.req.raw.headers });
        const outcome = await timeUpstream(c, () => pave.createSession(buildCreateSessionBody(site.session, customer)));
        if (!outcome.ok) {
          const error = upstreamFailure(outcome, 'create');
          // PAVE refused (4xx): nothing was created, a repeat may try again. Otherwise it may have been.
          keepMs = outcome.kind === 'rejected' ? 0 : IDEMPOTENCY.uncertainTtlMs;
          return { status: error.status, body: errorBody(error.code, error.message, error.issues) };
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

      if (!scope) return answer(c, await create(), false);
      annotate(c, { idempotency: scope.kind });
      const result = await once(
        {
          store,
          key: scope.key,
          request: scope.request,
          keepFor: () => Math.min(keepMs, scope.ttlMs),
          // Two PAVE budgets (the call and its one retry) and some slack: a claim left by a crash expires after this.
          runMs: site.pave.timeoutMs * 2 + 5_000,
          sleep: deps.sleep,
        },
        create,
      );
      switch (result.kind) {
        case 'fresh':
          return answer(c, result.answer, false);
        case 'replay':
          return answer(c, result.answer, true);
        case 'conflict':
          throw invalidField('Idempotency-Key', 'This Idempotency-Key was already used for a different request.');
        case 'busy':
          throw new SignerError('upstream_timeout', 'The inspection service did not answer in time. Please try again in a minute.');
      }
    },
  );
  app.route('/', statusRoute(context));
  app.route('/', resendRoute(context));
  return app;
}

function answer(c: Context, stored: StoredAnswer, replayed: boolean): Response {
  const body = stored.body as CreateSessionResponse | undefined;
  annotate(c, { replayed, ...(stored.status === 201 && body ? { session_key: body.session_key } : {}) });
  if (replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(stored.body, stored.status as 201);
}

/**
 * Which earlier request this one repeats: the `Idempotency-Key` header when sent; else a short-lived
 * fingerprint of site + delivery + phone + VIN, and the client's IP so a stranger who knows both cannot
 * collect someone else's link. No key and neither phone nor VIN: nothing to recognise a repeat by.
 */
async function idempotencyScope(
  c: Context,
  site: SiteConfig,
  customer: CustomerInput,
  ip: string | undefined,
  hashing: Hashing | undefined,
): Promise<{ kind: 'key' | 'fingerprint'; key: string; request: string; ttlMs: number } | undefined> {
  const header = c.req.header('Idempotency-Key');
  if (header !== undefined) {
    const key = IdempotencyKey.safeParse(header);
    if (!key.success) throw invalidField('Idempotency-Key', key.error.issues[0]?.message ?? 'Invalid Idempotency-Key.');
    return {
      kind: 'key',
      key: `idempotency:${site.id}:key:${await digestOf(key.data, hashing)}`,
      request: await digestOf({ site: site.id, customer }, hashing),
      ttlMs: IDEMPOTENCY.keyTtlMs,
    };
  }
  if (!customer.phone && !customer.vin) return undefined;
  const fingerprint = await digestOf({ site: site.id, delivery: customer.delivery, phone: customer.phone, vin: customer.vin, ip }, hashing);
  return { kind: 'fingerprint', key: `idempotency:${site.id}:fingerprint:${fingerprint}`, request: fingerprint, ttlMs: IDEMPOTENCY.fingerprintTtlMs };
}

/** The site's own rules on top of the contract: VIN required or strict, textable numbers in allowed countries. */
function applySiteRules(site: SiteConfig, request: ValidCreateSessionRequest): { customer: CustomerInput; smsTo?: string } {
  if (site.requireVin && !request.vin) throw invalidField('vin', 'A VIN is required.');
  if (request.vin && site.strictVin) {
    const check = checkVin(request.vin, { strict: true });
    if (!check.ok) throw invalidField('vin', VIN_MESSAGES[check.problem]);
  }
  const customer: CustomerInput = {
    delivery: request.delivery,
    vin: request.vin,
    name: request.name,
    language: request.language,
    metadata: request.metadata,
    year: request.year,
    make: request.make,
    model: request.model,
  };
  if (request.delivery !== 'sms' || !request.phone) return { customer };

  const phone = toTextablePhone(request.phone, { defaultCountry: site.defaultCountry, allowedCountries: site.smsCountries });
  if (!phone.ok) throw invalidField('phone', phone.message);
  return { customer: { ...customer, phone: phone.e164 }, smsTo: maskE164(phone.e164, phone.callingCode) };
}
