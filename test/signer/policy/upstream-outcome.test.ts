import { describe, expect, it } from 'vitest';
import { mayHaveActed, upstreamFailure, type PaveCall } from '../../../signer/policy/upstream-outcome.ts';

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

describe('PAVE fields about the customer', () => {
  it.each([
    ['sms.to', 'phone'],
    ['phone', 'phone'],
    ['sms.to_name', 'name'],
    ['session.contact.first_name', 'name'],
    ['session.contact.last_name', 'name'],
    ['session.language', 'language'],
    ['vehicle.vin', 'vin'],
    ['vehicle.year', 'year'],
    ['vehicle.make', 'make'],
    ['vehicle.model', 'model'],
    ['session.reference', 'metadata'],
    ['session.reference.lead_id', 'metadata.lead_id'],
  ])('%s is the request’s %s, an invalid value with PAVE’s words', (field, path) => {
    expect(upstreamFailure(rejected(422, { [field]: ['Not accepted', 'by PAVE.'] }), 'create').issues).toEqual([
      { path, code: 'invalid', message: 'Not accepted by PAVE.' },
    ]);
  });

  it.each(['session.references', 'session.referenced.x', 'sms.from', 'vehicle', 'session.reference_id', ''])('%j stays in the signer', (field) => {
    expect(upstreamFailure(rejected(422, { [field]: ['Dealer setting.'] }), 'create').issues).toEqual([]);
  });
});

describe('mayHaveActed', () => {
  it.each<[string, Parameters<typeof mayHaveActed>[0], boolean]>([
    ['a timeout', { ok: false, kind: 'timeout' }, true],
    ['a 5xx', { ok: false, kind: 'unavailable', status: 503, reason: 'HTTP 503' }, true],
    // A 5xx whose words read like a refused connection is still an answer: PAVE got the request.
    ['a 5xx saying "connection refused"', { ok: false, kind: 'unavailable', status: 502, reason: 'connection refused' }, true],
    ['a lost connection', { ok: false, kind: 'unavailable', reason: 'other side closed' }, true],
    ['a connection that never opened', { ok: false, kind: 'unavailable', reason: 'tcp connect error: Connection refused' }, false],
    ['a name that does not resolve', { ok: false, kind: 'unavailable', reason: 'getaddrinfo ENOTFOUND pave.example' }, false],
    ['a refusal', rejected(400), false],
  ])('%s → %s', (_name, outcome, acted) => {
    expect(mayHaveActed(outcome)).toBe(acted);
  });
});
