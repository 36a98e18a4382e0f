/**
 * Every way a PAVE call can fail, mapped to the contract's codes in one place. PAVE's own words reach
 * the customer only when they are about what the customer typed (a field in `CUSTOMER_FIELDS`); messages
 * about the dealer's settings or credentials stay in the signer.
 */
import { SignerError } from '../errors.ts';
import type { PaveOutcome } from '../pave/client.ts';

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

function customerPath(field: string): string | undefined {
  if (field in CUSTOMER_FIELDS) return CUSTOMER_FIELDS[field];
  // `session.reference` is the request's `metadata`, key for key.
  if (field === 'session.reference' || field.startsWith('session.reference.')) return field.replace(/^session\.reference/, 'metadata');
  return undefined;
}

export const unknownSession = () => new SignerError('unknown_session', 'We do not know this inspection. Please start a new one.');

/**
 * @example throw upstreamFailure({ ok: false, kind: 'timeout' }, 'create') // 504 upstream_timeout
 */
export function upstreamFailure(outcome: Exclude<PaveOutcome<unknown>, { ok: true }>, call: PaveCall): SignerError {
  switch (outcome.kind) {
    case 'timeout':
      return new SignerError('upstream_timeout', 'The inspection service did not answer in time. Please try again in a minute.');
    case 'unavailable':
      return new SignerError('upstream_error', 'The inspection service is unavailable right now. Please try again later.');
    case 'rejected': {
      if (outcome.status === 401 || outcome.status === 403) {
        return new SignerError('upstream_rejected', 'The inspection service refused this dealer’s credentials. Please contact the dealer.');
      }
      if (outcome.status === 404 && call !== 'create') return unknownSession();
      const issues = Object.entries(outcome.fields).flatMap(([field, messages]) => {
        const path = customerPath(field);
        return path ? [{ path, message: messages.join(' ') }] : [];
      });
      if (call === 'resend' && !issues.length) {
        return new SignerError('resend_not_allowed', 'This link cannot be texted again: it can be resent once, before the photos are checked.');
      }
      return new SignerError('upstream_rejected', 'The inspection service refused the request.', { issues });
    }
  }
}
