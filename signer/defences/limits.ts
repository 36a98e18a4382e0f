/**
 * Rate limits against SMS pumping, floods and runaway follow-up calls, each a ceiling of the site's configuration:
 * - per client IP — creates and resends per minute (`RATE_LIMIT_IP`), peeked before the body is read (see
 *   `ip-gate.ts`) and spent only by a call that passed every check and goes to PAVE; and follow-up calls
 *   (status, resend) per minute, every one counted before anything else (`RATE_LIMIT_FOLLOW_UP_IP`);
 * - per destination number — texts per hour, across every site, at the strictest site's ceiling;
 * - per site — sessions per minute and per day, and texts (texted creates and resends) per minute and per
 *   day, the dealer's ceiling on what a bot army can cost;
 * - per session — status calls per minute and resends per day.
 * The ceilings of an attempt are taken together, all or nothing, once it is valid and right before PAVE
 * (see `admit.ts`). A refusal is `429 rate_limited` with `Retry-After` in seconds.
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

/** `ip:<address or IPv6 /64>`: one counter of creates and resends per caller across every site this signer serves. */
export function ipCheck(ip: string | undefined, perMinute: number): LimitCheck {
  return { key: `ip:${ipLimitKey(ip)}`, limit: perMinute, windowMs: MINUTE };
}

/** `follow-up:<address or IPv6 /64>`: the caller's status and resend calls, whatever they ask about. */
export function followUpIpCheck(ip: string | undefined, perMinute: number): LimitCheck {
  return { key: `follow-up:${ipLimitKey(ip)}`, limit: perMinute, windowMs: MINUTE };
}

/**
 * Whether a counter is a caller's (`ip:`, `follow-up:`): the cheap ones to lose when a store is full — a
 * flood of one-off addresses must push them out, never a number's or a site's count.
 */
export function isPerCallerKey(key: string): boolean {
  return key.startsWith('ip:') || key.startsWith('follow-up:');
}

/** One session's status calls (per minute) or resends (per day). */
export function sessionCheck(kind: 'status' | 'resend', site: Pick<SiteConfig, 'id' | 'limits'>, sessionKey: string): LimitCheck {
  return kind === 'status'
    ? { key: `session:${site.id}:${sessionKey}:status`, limit: site.limits.statusPerSessionMinute, windowMs: MINUTE }
    : { key: `session:${site.id}:${sessionKey}:resend`, limit: site.limits.resendPerSessionDay, windowMs: DAY };
}

/**
 * The per-number ceiling of a signer serving these sites: the strictest of theirs, since the number is
 * counted across every site (the victim of a bombing is the same person whoever's page is used).
 */
export function strictestPhoneLimit(sites: Iterable<Pick<SiteConfig, 'limits'>>): number {
  return Math.min(...[...sites].map((site) => site.limits.phonePerHour));
}

/**
 * Every ceiling one attempt counts against: its caller, its number, its site's sessions and texts.
 * @param phonePerHour the per-number ceiling across sites (`strictestPhoneLimit`); the site's own by default
 */
export function attemptChecks(attempt: CountedAttempt, phonePerHour = attempt.site.limits.phonePerHour): LimitCheck[] {
  const { site } = attempt;
  const checks: LimitCheck[] = [ipCheck(attempt.ip, site.limits.ipPerMinute)];
  const texted = attempt.delivery === 'sms' && attempt.phone !== undefined;
  if (texted) checks.push({ key: `phone:${attempt.phone}`, limit: Math.min(phonePerHour, site.limits.phonePerHour), windowMs: HOUR });
  if (attempt.kind === 'create') {
    checks.push({ key: `site:${site.id}:minute`, limit: site.limits.sitePerMinute, windowMs: MINUTE });
    checks.push({ key: `site:${site.id}:day`, limit: site.limits.sitePerDay, windowMs: DAY });
  }
  // Every paid text, a create's or a resend's, counts against the same daily bill.
  if (texted) {
    checks.push({ key: `site:${site.id}:texts:minute`, limit: site.limits.sitePerMinute, windowMs: MINUTE });
    checks.push({ key: `site:${site.id}:texts:day`, limit: site.limits.sitePerDay, windowMs: DAY });
  }
  return checks;
}

function dimensionOf(key: string): LimitDimension {
  if (key.startsWith('ip:') || key.startsWith('follow-up:')) return 'ip';
  if (key.startsWith('phone:')) return 'phone';
  if (key.startsWith('session:')) return 'session';
  return key.endsWith(':day') ? 'site_day' : 'site_minute';
}

export interface Limiter {
  /** Counts the checks or throws `429 rate_limited` (or `502 upstream_error` when the store is down). */
  enforce(checks: readonly LimitCheck[], context?: { site?: string }): Promise<void>;
  /** Throws as `enforce` would, counting nothing: for a gate that must not spend a ceiling yet. */
  check(checks: readonly LimitCheck[], context?: { site?: string }): Promise<void>;
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

  const judge = async (take: boolean, checks: readonly LimitCheck[], context: { site?: string } = {}) => {
    let verdict;
    const nowMs = options.now().getTime();
    try {
      verdict = await (take ? options.store.take(checks, nowMs) : options.store.peek(checks, nowMs));
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
  };

  return {
    enforce: (checks, context) => judge(true, checks, context),
    check: (checks, context) => judge(false, checks, context),
  };
}

/** What a log line may say about a counter: an address or site as is, a phone number masked (its calling code too). */
function describe(key: string): string {
  return key.startsWith('phone:') ? maskE164(key.slice('phone:'.length), '…') : key;
}
