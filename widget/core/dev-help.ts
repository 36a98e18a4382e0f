/**
 * Help for the page's developer: one `console.warn` per cause (and subject) per page, naming the fix, so a
 * misconfigured page says what is wrong without flooding the console as the customer retries.
 */
import type { WidgetError } from '../net/error.ts';
import { DEVELOPER, type DeveloperCause } from '../strings/developer.ts';

const warned = new Set<string>();

/** @example warnDeveloper('originRefused', location.origin) */
export function warnDeveloper<C extends DeveloperCause>(cause: C, ...subject: Parameters<(typeof DEVELOPER)[C]>): void {
  const key = `${cause}:${subject.join()}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<pave-capture>: ${(DEVELOPER[cause] as (...args: unknown[]) => string)(...subject)}`);
}

/** No `signer` attribute: nothing to send to. The customer reads that the service is not available; the developer, how to fix it. */
export function noSignerFailure(): { ok: false; error: WidgetError } {
  warnDeveloper('noSigner');
  return { ok: false, error: { code: 'bad_response', message: 'The widget has no signer attribute.', issues: [] } };
}

/** What a failed create tells the developer: a refused origin, a signer that answered without its envelope. */
export function hintDeveloper(error: WidgetError, status: number | undefined): void {
  if (error.code === 'origin_not_allowed') warnDeveloper('originRefused', globalThis.location?.origin ?? '');
  if (error.code === 'bad_response' && status) warnDeveloper('signerFailed', status);
}
