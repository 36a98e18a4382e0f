/**
 * The signer's Hono app, built from configuration and the world it runs in (fetch, clock, stores).
 * Runtime-neutral: entry files (node.ts, worker.ts, …) only turn their environment into `AppDeps`.
 *
 * Read top to bottom, `createApp` is the whole request chain: every step of a create is named, numbered,
 * in the order it runs, and each refuses with the contract's error before the next one starts.
 */
import type { Context } from 'hono';
// The preset with the smallest router (PatternRouter): a handful of routes, and ≈3 KB gz off the Worker bundle.
import { Hono } from 'hono/tiny';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { CreateSessionRequest, MAX_BODY_BYTES } from '../contract/schema.ts';
import type { SignerConfig } from './config/environment.ts';
import { createSiteRegistry } from './config/registry.ts';
import { createAdmit } from './defences/admit.ts';
import type { Admit } from './defences/attempt.ts';
import { followUpGate, ipGate } from './defences/ip-gate.ts';
import { createLimiter, isPerCallerKey, strictestPhoneLimit } from './defences/limits.ts';
import { createPaveSlots, type PaveSlots } from './defences/pave-slots.ts';
import { bodyTooLarge, errorBody, internalError, notFound, SignerError } from './errors.ts';
import { jsonBody, limitBody, schema } from './http/body.ts';
import type { ClientIpReader } from './http/client-ip.ts';
import { consoleLogger, type Logger } from './http/event-log.ts';
import { createLogSummary, summarizedEvents } from './http/log-summary.ts';
import { metricsEndpoint, type Metrics } from './http/metrics.ts';
import { originGuard } from './http/origin.ts';
import { requestLog, type LogWriter } from './http/request-log.ts';
import type { PaveHttp } from './pave/client.ts';
import type { Hashing } from './pave/hashing.ts';
import type { RouteContext } from './routes/context.ts';
import { createSession, resolveSite, siteRules } from './routes/create.ts';
import { openApi } from './routes/openapi.ts';
import { MAX_RESEND_BODY_BYTES, resendSms } from './routes/resend.ts';
import { sessionStatus } from './routes/status.ts';
import { failClosed } from './stores/idempotency/fail-closed.ts';
import { createMemoryIdempotencyStore } from './stores/idempotency/memory.ts';
import type { IdempotencyStore } from './stores/idempotency/store.ts';
import { createMemoryLimitStore } from './stores/limits/memory.ts';
import type { LimitStore } from './stores/limits/store.ts';

/** The world the app runs in. Only `config` is required; tests replace any of the rest. */
export interface AppDeps {
  config: SignerConfig;
  /** The fetch used to reach PAVE and Turnstile's Siteverify (tests pass the sandbox's). */
  fetch?: typeof fetch;
  /** How PAVE is called when not through `fetch`: the Node entry's keep-alive pool (`signer/node-http.ts`). */
  paveHttp?: PaveHttp;
  now?: () => Date;
  /** The client's IP: the socket's on Node, `CF-Connecting-IP` on Workers; supplied by the entry file. */
  clientIp?: ClientIpReader;
  /** HMAC and SHA-256: Web Crypto by default; the Node entry passes node:crypto's (see `node-hashing.ts`). */
  hashing?: Hashing;
  /** Where rate-limit counters live: this process's memory by default; Redis for several instances. */
  limitStore?: LimitStore;
  /** Where idempotent answers are kept: this process's memory by default (100 000 answers); Redis for several instances. */
  idempotency?: IdempotencyStore;
  /** How a repeat waits for the first request's answer (tests may pass a faster one). */
  sleep?: (ms: number) => Promise<void>;
  /** The last gate before PAVE: the bot check and the ceilings of `defences/` unless replaced. */
  admit?: Admit;
  /** Budget of one Siteverify call; 5 s by default. */
  turnstileTimeoutMs?: number;
  /** Where the one line per request goes (stdout by default). */
  log?: LogWriter;
  /** Where alert lines go (`rate_limited`, `bot_check_failed`, …, and `log_summary`; stdout/stderr by default). */
  events?: Logger;
  /** What requests and PAVE calls count for (nothing by default); with `METRICS_TOKEN` and a `render`, `/metrics` serves it. */
  metrics?: Metrics;
}

/**
 * @example
 * const app = createApp({ config: loadConfig(process.env) });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createApp(deps: AppDeps): Hono {
  const { config } = deps;
  const now = deps.now ?? (() => new Date());
  // Refusals and alerts are written once per cause and minute, then counted: a flood writes a few lines.
  const summary = createLogSummary({ emit: deps.events ?? consoleLogger, now: () => now().getTime() });
  const events = summarizedEvents(deps.events ?? consoleLogger, summary);
  const limitStore = deps.limitStore ?? createMemoryLimitStore({ evictFirst: isPerCallerKey });
  const limiter = createLimiter({ store: limitStore, now, log: events });
  const registry = createSiteRegistry(config, { fetch: deps.fetch, paveHttp: deps.paveHttp, now: deps.now, hashing: deps.hashing });
  const allowedOrigins = new Set([...config.sites.values()].flatMap((site) => site.allowedOrigins));
  const slots = new Map<string, PaveSlots>([...config.sites.values()].map((site) => [site.id, createPaveSlots(site.pave.maxConcurrency)]));
  const gates = { config, limiter, clientIp: deps.clientIp };
  const routes: RouteContext = {
    registry,
    admit:
      deps.admit ??
      createAdmit({ limiter, phonePerHour: strictestPhoneLimit(config.sites.values()), fetch: deps.fetch, log: events, turnstileTimeoutMs: deps.turnstileTimeoutMs }),
    limiter,
    paveSlots: (siteId) => slots.get(siteId)!,
    now,
    clientIp: deps.clientIp,
    idempotency: failClosed(deps.idempotency ?? createMemoryIdempotencyStore()),
    sleep: deps.sleep,
    hashing: deps.hashing,
  };

  const app = new Hono();
  app.use(requestLog({ write: deps.log, now: deps.now, summary, metrics: deps.metrics }));
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Operators only, and only when asked for: without METRICS_TOKEN it is `404 not_found` like any unknown route.
  if (config.metricsToken && deps.metrics?.render) {
    app.get('/metrics', metricsEndpoint({ token: config.metricsToken, render: () => deps.metrics!.render!(), hashing: deps.hashing }));
  }
  app.get('/openapi.json', openApi);

  // A create, step by step; the follow-up routes share step 1.
  app.use('/v1/*', originGuard({ isAllowed: (origin) => allowedOrigins.has(origin) })); // 1. origin: 403 before anything else
  app.post(
    '/v1/sessions',
    ipGate(gates), // 2. ip gate, before any byte of the body is read (a caller at its ceiling; spent in 8.)
    jsonBody(MAX_BODY_BYTES), // 3. body: size limit, content type, JSON
    schema(CreateSessionRequest), // 4. schema (contract/schema.ts)
    resolveSite(registry), // 5. site: the one named, else the page's origin picks it
    siteRules, // 6. site rules: VIN required or strict, a textable number
    createSession(routes), // 7. idempotency, once per scope: 8. admit (bot check, ceilings), 9. PAVE, then the ticket
  );
  // The follow-up calls: the caller's ceiling before the ticket, the body or PAVE.
  app.get('/v1/sessions/:key/status', followUpGate(gates), sessionStatus(routes));
  app.post('/v1/sessions/:key/resend', followUpGate(gates), limitBody(MAX_RESEND_BODY_BYTES), resendSms(routes));

  app.notFound((c) => reply(c, notFound()));
  app.onError((error, c) => {
    if (error instanceof SignerError) return reply(c, error);
    if (error instanceof HTTPException && error.status === 413) return reply(c, bodyTooLarge());
    // Never a stack trace or an internal message in a response.
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', request_id: c.get('requestId'), error: String(error) }));
    return reply(c, internalError());
  });
  return app;
}

/** The error's envelope, status and headers (`Retry-After`, …). */
function reply(c: Context, error: SignerError): Response {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  return c.json(errorBody(error), error.status);
}
