/**
 * What a failed create means for the next press of the button. Pure.
 *
 * - The key: kept only when the signer may have acted on it (PAVE may have texted, or the answer never
 *   arrived), so the retry is answered once for both; else a new one, so no signer — an older one keeps
 *   every failure for its key — can answer the retry with the same failure again.
 * - The wait: when PAVE may have texted, a retry before `Retry-After` could text a second time (and is
 *   refused anyway); the button waits until then, and says so.
 */
import type { Delivery } from '../../contract/schema.ts';
import type { WidgetError } from '../net/error.ts';

/** Whether the next submission of the same form reuses the failed one's `Idempotency-Key`. */
export function keepsKey(error: WidgetError, mode: Delivery): boolean {
  if (error.code === 'network_error' || error.code === 'bad_response' || error.mayHaveTexted) return true;
  // A second request under a key still in flight (504 from the signer's idempotency): the first may still text.
  return mode === 'sms' && error.code === 'upstream_timeout';
}

/** Until when (epoch ms) a retry must wait, if it must. */
export function retryBlockedUntil(error: WidgetError | undefined, now: number): number | undefined {
  return error?.mayHaveTexted && error.retryAt && error.retryAt > now ? error.retryAt : undefined;
}
