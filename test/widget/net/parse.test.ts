/**
 * The widget reads the signer's answers without zod; these tests hold its readers to the contract's zod
 * schemas: whatever the schema accepts, the reader returns unchanged, and what the widget relies on
 * (strings it shows, an http(s) capture URL) is refused when broken.
 */
import { describe, expect, it } from 'vitest';
import { CreateSessionResponse, ErrorBody, ResendResponse, SESSION_STATUSES, SessionStatusResponse } from '../../../contract/schema.ts';
import { readCreated, readError, readResent, readStatus } from '../../../widget/net/parse.ts';

const created = {
  session_key: 'DMO-7K2P9QX4ZT',
  capture_url: 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT',
  delivery: 'link',
  ticket: 'tkt',
};

describe('readCreated', () => {
  const valid = [created, { ...created, delivery: 'sms', sms_to: '+1 ••• ••• 4567' }, { ...created, capture_url: 'http://127.0.0.1:8788/capture/X' }];
  it.each(valid)('returns what the schema accepts, unchanged (%#)', (body) => {
    expect(CreateSessionResponse.parse(body)).toEqual(body);
    expect(readCreated(body)).toEqual(body);
  });

  const invalid = [
    null,
    [],
    'x',
    { ...created, capture_url: 'javascript:alert(1)' },
    { ...created, capture_url: 'data:text/html,hi' },
    { ...created, capture_url: 'not a url' },
    { ...created, delivery: 'email' },
    { ...created, ticket: undefined },
    { ...created, session_key: 7 },
    { ...created, sms_to: 4567 },
  ];
  it.each(invalid)('refuses what the schema refuses (%#)', (body) => {
    expect(CreateSessionResponse.safeParse(body).success).toBe(false);
    expect(readCreated(body)).toBeUndefined();
  });
});

describe('readStatus', () => {
  it.each(SESSION_STATUSES)('reads %s', (status) => {
    const body = { status, updated_at: '2026-11-28T10:00:00Z' };
    expect(SessionStatusResponse.parse(body)).toEqual(body);
    expect(readStatus(body)).toEqual(body);
    expect(readStatus({ status, updated_at: null })).toEqual({ status, updated_at: null });
  });

  it('refuses bodies without a status', () => {
    for (const body of [{}, { status: 3 }, { status: 'IDLE', updated_at: 5 }, null]) {
      expect(SessionStatusResponse.safeParse(body).success).toBe(false);
      expect(readStatus(body)).toBeUndefined();
    }
  });
});

describe('readResent', () => {
  it('reads the masked number and refuses anything else', () => {
    expect(readResent(ResendResponse.parse({ sms_to: '+1 ••• ••• 4567' }))).toEqual({ sms_to: '+1 ••• ••• 4567' });
    expect(readResent({})).toBeUndefined();
    expect(readResent({ sms_to: 1 })).toBeUndefined();
  });
});

describe('readError', () => {
  it('reads the envelope with its issues', () => {
    const body = { error: { code: 'invalid_request', message: 'Please correct the highlighted fields.', issues: [{ path: 'vin', code: 'vin_characters', character: 'O', message: 'bad' }], may_have_texted: true } };
    expect(ErrorBody.parse(body)).toEqual(body);
    expect(readError(body)).toEqual(body.error);
    expect(readError({ error: { code: 'rate_limited', message: 'slow down' } })).toEqual({ code: 'rate_limited', message: 'slow down', issues: [] });
  });

  it('passes on a code from a newer signer, and refuses what is not an envelope', () => {
    expect(readError({ error: { code: 'brand_new', message: 'm' } })).toMatchObject({ code: 'brand_new', message: 'm' });
    for (const body of [{}, { error: 'x' }, { error: { code: 1, message: 'm' } }, { message: 'Unauthenticated.' }]) {
      expect(readError(body)).toBeUndefined();
    }
  });
});
