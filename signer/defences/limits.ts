/**
 * Rate limits against SMS pumping and floods, each a ceiling of the site's configuration:
 * - per client IP — create calls per minute, checked before the body is read (see `ip-gate.ts`);
 * - per destination number — texts per hour, so nobody can bomb one phone (or bill the dealer for it);
 * - per site — sessions per minute and per day, the dealer's ceiling on what a bot army can cost.
 * The phone and site ceilings are taken together, all or nothing, once the request is valid and right
 * before PAVE (see `admit.ts`). A refusal is `429 rate_limited` with `Retry-After` in seconds.
 */
import type { SiteConfig } from '../config/settings.ts';
import { rateLimited, storeUnavailable, type LimitDimension } from '../errors.ts';
import type { Logger } from '../http/event-log.ts';
import { ipLimitKey } from '../http/client-ip.ts';
import { maskE164 } from '../policy/textable-phone.ts';
import type { LimitCheck, LimitStore } from '../stores/limits/store.ts';
import type { Attempt } from './attempt.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What of an attempt its ceilings depend on. */
type CountedAttempt = Pick<Attempt, 'kind' | 'delivery' | 'phone' | 'ip'> & { site: Pick<SiteConfig, 'id' | 'limits'> };

/** `ip:<address or IPv6 /64>`: one counter per caller across every site this signer serves. */
export function ipCheck(ip: string | undefined, perMinute: number): LimitCheck {
  return { key: `ip:${ipLimitKey(ip)}`, limit: perMinute, windowMs: MINUTE };
}

/** The ceilings one attempt counts against, besides the per-IP one of a create. */
export function attemptChecks(attempt: CountedAttempt): LimitCheck[] {
  const { site } = attempt;
  const checks: LimitCheck[] = [];
  // A number is protected across all sites: the victim of a bombing is the same person whoever's page is used.
  if (attempt.delivery === 'sms' && attempt.phone) {
    checks.push({ key: `phone:${attempt.phone}`, limit: site.limits.phonePerHour, windowMs: HOUR });
  }
  if (attempt.kind === 'create') {
    checks.push({ key: `site:${site.id}:minute`, limit: site.limits.sitePerMinute, windowMs: MINUTE });
    checks.push({ key: `site:${site.id}:day`, limit: site.limits.sitePerDay, windowMs: DAY });
  } else {
    checks.push(ipCheck(attempt.ip, site.limits.ipPerMinute));
  }
  return checks;
}

function dimensionOf(key: string): LimitDimension {
  if (key.startsWith('ip:')) return 'ip';
  if (key.startsWith('phone:')) return 'phone';
  return key.endsWith(':day') ? 'site_day' : 'site_minute';
}

export interface Limiter {
  /** Counts the checks or throws `429 rate_limited` (or `502 upstream_error` when the store is down). */
  enforce(checks: readonly LimitCheck[], context?: { site?: string }): Promise<void>;
}

/**
 * @example
 * const limiter = createLimiter({ store: createMemoryLimitStore(), now: () => new Date(), log: consoleLogger });
 * await limiter.enforce(attemptChecks(attempt), { site: attempt.site.id });
 */
export function createLimiter(options: { store: LimitStore; now: () => Date; log: Logger }): Limiter {
  // A flood is thousands of refusals a second: log the first per counter each minute, then a count.
  const lastLogged = new Map<string, { at: number; suppressed: number }>();
  const shouldLog = (key: string, nowMs: number): number | undefined => {
    const last = lastLogged.get(key);
    if (last && nowMs - last.at < MINUTE) {
      last.suppressed += 1;
      return undefined;
    }
    if (lastLogged.size >= 10_000) lastLogged.clear();
    lastLogged.set(key, { at: nowMs, suppressed: 0 });
    return last?.suppressed ?? 0;
  };

  return {
    async enforce(checks, context = {}) {
      let verdict;
      const nowMs = options.now().getTime();
      try {
        verdict = await options.store.take(checks, nowMs);
      } catch (error) {
        // Fail closed: without counters, every request could be a paid text.
        options.log({ level: 'error', event: 'limit_store_unavailable', error: error instanceof Error ? error.name : 'unknown' });
        throw storeUnavailable();
      }
      if (verdict.ok) return;
      const dimension = dimensionOf(verdict.key);
      const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      const suppressed = shouldLog(verdict.key, nowMs);
      if (suppressed !== undefined) {
        options.log({ level: 'warn', event: 'rate_limited', dimension, site: context.site, who: describe(verdict.key), retry_after_s: retryAfter, unlogged_since: suppressed });
      }
      throw rateLimited(dimension, retryAfter);
    },
  };
}

/** What a log line may say about a counter: an address or site as is, a phone number masked. */
function describe(key: string): string {
  if (!key.startsWith('phone:')) return key;
  const e164 = key.slice('phone:'.length);
  return maskE164(e164, '…');
}
