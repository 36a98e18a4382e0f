/**
 * The last gate before PAVE, asked once per create that would reach PAVE (never for a replayed answer)
 * and once per resend: the site's bot check first (for a create, and for a resend to a number the session
 * was not created for), so a bot spends nothing of the dealer's ceilings, then every ceiling of the
 * attempt together — the caller's, the number's, the site's.
 */
import { botCheckFailed } from '../errors.ts';
import type { Logger } from '../http/event-log.ts';
import type { Admit } from './attempt.ts';
import { TURNSTILE_HEADER, verifyTurnstile } from './bot-check.ts';
import { attemptChecks, type Limiter } from './limits.ts';

interface AdmitOptions {
  limiter: Limiter;
  /** The per-number ceiling across every site of the signer (`strictestPhoneLimit`); each site's own otherwise. */
  phonePerHour?: number;
  /** Used for Turnstile's Siteverify (the same fetch the PAVE client gets). */
  fetch?: typeof fetch;
  /** Where alert lines go (`bot_check_failed`, …). */
  log: Logger;
  /** Budget of one Siteverify call; 5 s by default. */
  turnstileTimeoutMs?: number;
}

/**
 * @example const admit = createAdmit({ limiter, log: consoleLogger }); await admit(attempt);
 */
export function createAdmit(options: AdmitOptions): Admit {
  return async (attempt) => {
    const { site } = attempt;
    if (site.turnstile && (attempt.kind === 'create' || attempt.newNumber)) {
      const result = await verifyTurnstile(site.turnstile, {
        token: attempt.headers.get(TURNSTILE_HEADER) ?? undefined,
        ip: attempt.ip,
        hostnames: site.allowedOrigins.map((origin) => new URL(origin).hostname),
        fetch: options.fetch,
        timeoutMs: options.turnstileTimeoutMs,
      });
      if (!result.ok) {
        options.log({ level: 'warn', event: 'bot_check_failed', site: site.id, reason: result.reason, codes: result.errorCodes?.join(',') });
        throw botCheckFailed(result.reason);
      }
    }
    await options.limiter.enforce(attemptChecks(attempt, options.phonePerHour), { site: site.id });
  };
}
