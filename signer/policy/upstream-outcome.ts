/**
 * Every way a PAVE call can fail, mapped to the contract's codes in one place. PAVE's own words reach
 * the customer only when they are about what the customer typed (a field in `CUSTOMER_FIELDS`); messages
 * about the dealer's settings or credentials stay in the signer.
 */
import { credentialsRefused, resendRefused, SignerError, unknownSession, upstreamRejected, upstreamTimeout, upstreamUnavailable } from '../errors.ts';
import type { PaveOutcome } from '../pave/client.ts';
import { isNeverConnected } from '../pave/connect-error.ts';

/** Which call failed: the same PAVE answer means different things for each. */
export type PaveCall = 'create' | 'status' | 'resend';

/** PAVE's field names (dotted, Laravel style) that are about the customer's input, and the request field each is. */
const CUSTOMER_FIELDS: Record<string, string> = {
  'sms.to': 'phone',
  phone: 'phone',
  'sms.to_name': 'name',
  'session.contact.first_name': 'name',
  'session.contact.last_name': 'name',
  'session.language': 'language',
  'vehicle.vin': 'vin',
  'vehicle.year': 'year',
  'vehicle.make': 'make',
  'vehicle.model': 'model',
};

const REFERENCE = 'session.reference';

function customerPath(field: string): string | undefined {
  if (field in CUSTOMER_FIELDS) return CUSTOMER_FIELDS[field];
  // `session.reference` is the request's `metadata`, key for key.
  if (field === REFERENCE || field.startsWith(`${REFERENCE}.`)) return `metadata${field.slice(REFERENCE.length)}`;
  return undefined;
}

/**
 * @example throw upstreamFailure({ ok: false, kind: 'timeout' }, 'create') // 504 upstream_timeout
 */
export function upstreamFailure(outcome: Exclude<PaveOutcome<unknown>, { ok: true }>, call: PaveCall): SignerError {
  switch (outcome.kind) {
    case 'timeout':
      return upstreamTimeout();
    case 'unavailable':
      return upstreamUnavailable();
    case 'rejected': {
      if (outcome.status === 401 || outcome.status === 403) return credentialsRefused();
      if (outcome.status === 404 && call !== 'create') return unknownSession();
      const issues = Object.entries(outcome.fields).flatMap(([field, messages]) => {
        const path = customerPath(field);
        return path ? [{ path, code: 'invalid' as const, message: messages.join(' ') }] : [];
      });
      // A resend PAVE refuses without naming a field is its own rule (once, within 7 days, not after QC_PASSED).
      if (call === 'resend' && !issues.length) return resendRefused();
      return upstreamRejected(issues);
    }
  }
}

/**
 * Whether PAVE may have acted on a failed call: it timed out, or it answered 5xx or nonsense. A refusal
 * (4xx) did nothing, nor did a connection that never opened (the client retried it once already).
 * @example mayHaveActed({ ok: false, kind: 'timeout' }) // true
 */
export function mayHaveActed(outcome: Exclude<PaveOutcome<unknown>, { ok: true }>): boolean {
  if (outcome.kind === 'rejected') return false;
  if (outcome.kind === 'unavailable' && outcome.status === undefined) return !isNeverConnected(new Error(outcome.reason));
  return true;
}
