/**
 * `POST /v1/sessions`: validate → resolve the site → apply its rules → build PAVE's body → create → answer.
 * Nothing reaches PAVE until every check has passed.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import {
  CreateSessionRequest,
  MAX_BODY_BYTES,
  VIN_MESSAGES,
  toIssues,
  type CreateSessionResponse,
  type ValidCreateSessionRequest,
} from '../widget/contract.ts';
import { checkVin } from '../widget/vin.ts';
import type { SignerConfig, SiteConfig } from './config.ts';
import { errorResponse, invalidField, SignerError } from './errors.ts';
import { originNotAllowed } from './origin.ts';
import { buildCreateSessionBody, type CustomerInput } from './pave/payload.ts';
import { createPaveClient, type PaveClient, type PaveOutcome } from './pave/client.ts';
import { maskE164, toTextablePhone } from './phone.ts';
import { createTicketMinter, type TicketMinter } from './ticket.ts';

/** One create that passed validation and the site's rules, about to reach PAVE. */
export interface CreateAttempt {
  site: SiteConfig;
  delivery: 'link' | 'sms';
  /** E.164 destination, for `sms`. */
  phone?: string;
  /** The client's IP as the runtime reports it (see `AppDeps.clientIp`). */
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
   * Called once per create that would reach PAVE.
   */
  admit?: (attempt: CreateAttempt) => Promise<void>;
}

/** What the signer keeps per site: its settings, its PAVE client, its ticket key. */
interface SiteRuntime {
  site: SiteConfig;
  pave: PaveClient;
  tickets: TicketMinter;
}

export function sessionsRoutes(deps: SessionsDeps): Hono {
  const runtimes = new Map<string, SiteRuntime>();
  for (const site of deps.config.sites.values()) {
    runtimes.set(site.id, {
      site,
      pave: createPaveClient({ ...site.pave, fetch: deps.fetch, now: deps.now }),
      tickets: createTicketMinter(site.pave.credentials.apiSecret),
    });
  }

  const resolveSite = (c: Context, siteId: string | undefined): SiteRuntime => {
    const runtime = runtimes.get(siteId ?? deps.config.defaultSiteId);
    if (!runtime) throw new SignerError('unknown_site', 'This signer serves no such site.');
    if (!runtime.site.allowedOrigins.includes(c.req.header('Origin') ?? '')) throw originNotAllowed();
    return runtime;
  };

  return new Hono().post(
    '/',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => errorResponse(new SignerError('payload_too_large', `The request body must be at most ${MAX_BODY_BYTES} bytes.`)),
    }),
    async (c, next) => {
      const type = c.req.header('Content-Type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new SignerError('unsupported_media_type', 'Send the request as application/json.');
      }
      try {
        await c.req.json(); // parsed once and cached for the validator
      } catch {
        throw new SignerError('invalid_json', 'The request body is not valid JSON.');
      }
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
      const { site, pave, tickets } = resolveSite(c, request.site);
      const { customer, smsTo } = applySiteRules(site, request);
      await deps.admit?.({ site, delivery: request.delivery, phone: customer.phone, ip: deps.clientIp?.(c), headers: c.req.raw.headers });

      const outcome = await pave.createSession(buildCreateSessionBody(site.session, customer));
      if (!outcome.ok) throw upstreamFailure(outcome);

      const sessionKey = outcome.value.session_key;
      const body: CreateSessionResponse = {
        session_key: sessionKey,
        capture_url: outcome.value.capture_url || pave.captureUrlFor(sessionKey),
        delivery: request.delivery,
        ...(smsTo ? { sms_to: smsTo } : {}),
        ticket: await tickets.issue(site.id, sessionKey),
      };
      return c.json(body, 201);
    },
  );
}

/** The site's own rules on top of the contract: VIN required or strict, textable numbers in allowed countries. */
function applySiteRules(site: SiteConfig, request: ValidCreateSessionRequest): { customer: CustomerInput; smsTo?: string } {
  if (site.requireVin && !request.vin) throw invalidField('vin', 'A VIN is required.');
  if (request.vin && site.strictVin) {
    const check = checkVin(request.vin, { strict: true });
    if (!check.ok) throw invalidField('vin', VIN_MESSAGES[check.problem]);
  }
  const customer: CustomerInput = { delivery: request.delivery, vin: request.vin, name: request.name, language: request.language };
  if (request.delivery !== 'sms' || !request.phone) return { customer };

  const phone = toTextablePhone(request.phone, { defaultCountry: site.defaultCountry, allowedCountries: site.smsCountries });
  if (!phone.ok) throw invalidField('phone', phone.message);
  return { customer: { ...customer, phone: phone.e164 }, smsTo: maskE164(phone.e164, phone.callingCode) };
}

/** PAVE's field names that are about what the customer typed: only these messages are passed on. */
const CUSTOMER_FIELDS: Record<string, string> = { 'sms.to': 'phone', 'vehicle.vin': 'vin', 'sms.to_name': 'name' };

function upstreamFailure(outcome: Exclude<PaveOutcome<unknown>, { ok: true }>): SignerError {
  switch (outcome.kind) {
    case 'timeout':
      return new SignerError('upstream_timeout', 'The inspection service did not answer in time. Please try again in a minute.');
    case 'unavailable':
      return new SignerError('upstream_error', 'The inspection service is unavailable right now. Please try again later.');
    case 'rejected': {
      if (outcome.status === 401 || outcome.status === 403) {
        return new SignerError('upstream_rejected', 'The inspection service refused this dealer’s credentials. Please contact the dealer.');
      }
      const issues = Object.entries(outcome.fields)
        .filter(([field]) => field in CUSTOMER_FIELDS)
        .map(([field, messages]) => ({ path: CUSTOMER_FIELDS[field]!, message: messages.join(' ') }));
      return new SignerError('upstream_rejected', 'The inspection service refused the request.', { issues });
    }
  }
}
