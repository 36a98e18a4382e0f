/**
 * The gates between the internet and a paid text, wired into the app in two places:
 * - `ipGate`: middleware on `POST /v1/sessions`, after the origin check and before the body is read, so a
 *   flood from one address costs a counter lookup and nothing more;
 * - `admit`: the last step before PAVE (sessions.ts calls it once the request is valid and the site
 *   known): the site's bot check first, so a bot spends nothing of the dealer's ceilings, then the
 *   per-number and per-site ceilings together.
 */
import type { MiddlewareHandler } from 'hono';
import type { ClientIpReader } from '../http/client-ip.ts';
import type { SignerConfig, SiteConfig } from '../config/environment.ts';
import { SignerError } from '../errors.ts';
import { createMemoryStore } from '../stores/limits/memory.ts';
import type { LimitStore } from '../stores/limits/store.ts';
import { attemptChecks, createLimiter, ipCheck, type LimitedAttempt } from './limits.ts';
import { consoleLogger, type Logger } from '../http/request-log.ts';
import { TURNSTILE_HEADER, verifyTurnstile, type TurnstileResult } from './bot-check.ts';

export interface DefenceDeps {
  config: SignerConfig;
  /** Where counters live: memory by default; `connectRedisStore(url)` for several instances. */
  store?: LimitStore;
  /** Used for Turnstile's Siteverify (the same fetch the PAVE client gets). */
  fetch?: typeof fetch;
  now?: () => Date;
  clientIp?: ClientIpReader;
  /** Where alert lines go (`rate_limited`, `bot_check_failed`, …). */
  events?: Logger;
  /** Budget of one Siteverify call; 5 s by default. */
  turnstileTimeoutMs?: number;
}

/** What `admit` sees: a create (or, later, a resend) about to reach PAVE — a `CreateAttempt`. */
export interface AdmitAttempt extends LimitedAttempt {
  site: SiteConfig;
  headers: Headers;
}

export interface Defences {
  ipGate: MiddlewareHandler;
  admit: (attempt: AdmitAttempt) => Promise<void>;
}

/**
 * @example
 * const defences = createDefences({ config, store, clientIp });
 * app.use('/v1/sessions', defences.ipGate);
 * sessionsRoutes({ ...deps, admit: defences.admit });
 */
export function createDefences(deps: DefenceDeps): Defences {
  const log = deps.events ?? consoleLogger;
  const store = deps.store ?? createMemoryStore({ evictFirst: (key) => key.startsWith('ip:') });
  const limiter = createLimiter({ store, now: deps.now ?? (() => new Date()), log });

  // The site is named in the body, which the IP gate must not read yet: the page's origin says which
  // site(s) it can be. An origin shared by several sites gets the most generous of their IP ceilings.
  const sites = [...deps.config.sites.values()];
  const ipPerMinute = new Map<string, number>();
  for (const site of sites) {
    for (const origin of site.allowedOrigins) ipPerMinute.set(origin, Math.max(ipPerMinute.get(origin) ?? 0, site.limits.ipPerMinute));
  }
  const strictest = Math.min(...sites.map((site) => site.limits.ipPerMinute));

  const ipGate: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'POST') {
      const perMinute = ipPerMinute.get(c.req.header('Origin') ?? '') ?? strictest;
      await limiter.enforce([ipCheck(deps.clientIp?.(c), perMinute)]);
    }
    await next();
  };

  const admit = async (attempt: AdmitAttempt) => {
    const { site } = attempt;
    if ((attempt.kind ?? 'create') === 'create' && site.turnstile) {
      const result = await verifyTurnstile(site.turnstile, {
        token: attempt.headers.get(TURNSTILE_HEADER) ?? undefined,
        ip: attempt.ip,
        hostnames: site.allowedOrigins.map((origin) => new URL(origin).hostname),
        fetch: deps.fetch,
        timeoutMs: deps.turnstileTimeoutMs,
      });
      if (!result.ok) {
        log({ level: 'warn', event: 'bot_check_failed', site: site.id, reason: result.reason, codes: result.errorCodes?.join(',') });
        throw new SignerError('bot_check_failed', botCheckMessage(result));
      }
    }
    await limiter.enforce(attemptChecks(attempt), { site: site.id });
  };

  return { ipGate, admit };
}

function botCheckMessage(result: Exclude<TurnstileResult, { ok: true }>): string {
  return result.reason === 'unavailable' || result.reason === 'timeout'
    ? 'We could not run the check that you are not a robot. Please try again in a minute.'
    : 'Please complete the check that you are not a robot, then try again.';
}
