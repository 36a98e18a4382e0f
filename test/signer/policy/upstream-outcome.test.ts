import { describe, expect, it } from 'vitest';
import { upstreamFailure, type PaveCall } from '../../../signer/policy/upstream-outcome.ts';

const rejected = (status: number, fields: Record<string, string[]> = {}) => ({ ok: false as const, kind: 'rejected' as const, status, message: 'PAVE says no', fields });

describe('upstreamFailure', () => {
  it.each<[string, Parameters<typeof upstreamFailure>[0], PaveCall, string, number]>([
    ['timeout', { ok: false, kind: 'timeout' }, 'create', 'upstream_timeout', 504],
    ['5xx', { ok: false, kind: 'unavailable', status: 500, reason: 'HTTP 500' }, 'create', 'upstream_error', 502],
    ['network', { ok: false, kind: 'unavailable', reason: 'fetch failed' }, 'status', 'upstream_error', 502],
    ['401 on create', rejected(401), 'create', 'upstream_rejected', 502],
    ['403 on resend', rejected(403), 'resend', 'upstream_rejected', 502],
    ['404 on create', rejected(404), 'create', 'upstream_rejected', 502],
    ['404 on status', rejected(404), 'status', 'unknown_session', 404],
    ['404 on resend', rejected(404), 'resend', 'unknown_session', 404],
    ['400 on resend', rejected(400), 'resend', 'resend_not_allowed', 409],
    ['422 on resend', rejected(422), 'resend', 'resend_not_allowed', 409],
    ['429 on resend', rejected(429), 'resend', 'resend_not_allowed', 409],
    ['400 on create', rejected(400), 'create', 'upstream_rejected', 502],
  ])('%s → %s', (_name, outcome, call, code, status) => {
    const error = upstreamFailure(outcome, call);
    expect([error.code, error.status]).toEqual([code, status]);
    expect(error.message).not.toContain('PAVE says no');
  });

  it('passes on PAVE’s messages about what the customer typed, under the request’s field names', () => {
    const error = upstreamFailure(
      rejected(400, {
        'sms.to': ['Not a mobile.'],
        'session.contact.last_name': ['Too long.'],
        'session.reference.lead_id': ['Too long.'],
        'vehicle.year': ['Too old.'],
        'sms.from': ['Dealer setting.'],
        'session.theme': ['Not enabled on this key.'],
      }),
      'create',
    );
    expect(error.issues).toEqual([
      { path: 'phone', code: expect.any(String), message: 'Not a mobile.' },
      { path: 'name', code: expect.any(String), message: 'Too long.' },
      { path: 'metadata.lead_id', code: expect.any(String), message: 'Too long.' },
      { path: 'year', code: expect.any(String), message: 'Too old.' },
    ]);
  });

  it('a resend refused over the customer’s new number is about the number, not the rules', () => {
    const error = upstreamFailure(rejected(400, { phone: ['Invalid number.'] }), 'resend');
    expect([error.code, error.issues]).toEqual(['upstream_rejected', [{ path: 'phone', code: expect.any(String), message: 'Invalid number.' }]]);
  });
});
