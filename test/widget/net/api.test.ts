import { describe, expect, it } from 'vitest';
import { createSession, getStatus, readBare, resendSms } from '../../../widget/net/api.ts';

const session = { session_key: 'DMO-7K2P9QX4ZT', capture_url: 'https://demo.vehiclecapture.com/DMO-7K2P9QX4ZT', delivery: 'sms' as const, ticket: 'tkt.123' };

/** A fetch that records the request and answers with `status` and `body`. */
function answering(status: number, body: unknown) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Request(input, init));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

describe('createSession', () => {
  it('posts JSON with the Idempotency-Key (and the bot-check token when there is one)', async () => {
    const { fetch, seen } = answering(201, { ...session, delivery: 'link' });
    const result = await createSession('https://sign.dealer.example/base', { delivery: 'link' }, { idempotencyKey: 'k1', turnstileToken: 'tt', fetch });
    expect(result).toEqual({ ok: true, value: { ...session, delivery: 'link' } });
    const [request] = seen;
    expect(request!.url).toBe('https://sign.dealer.example/base/v1/sessions');
    expect(request!.method).toBe('POST');
    expect(request!.headers.get('Idempotency-Key')).toBe('k1');
    expect(request!.headers.get('X-Turnstile-Token')).toBe('tt');
    expect(request!.credentials).toBe('omit');
    expect(await request!.json()).toEqual({ delivery: 'link' });
  });

  it('sends no X-Turnstile-Token without a token', async () => {
    const { fetch, seen } = answering(201, session);
    await createSession('https://sign.dealer.example', { delivery: 'link' }, { idempotencyKey: 'k1', fetch });
    expect(seen[0]!.headers.has('X-Turnstile-Token')).toBe(false);
  });

  it('turns the error envelope, garbage and network failures into errors', async () => {
    const envelope = { error: { code: 'invalid_request', message: 'Fix it.', issues: [{ path: 'phone', code: 'phone_length', message: 'Too short.' }] } };
    expect(await createSession('https://s.example', { delivery: 'sms' }, { idempotencyKey: 'k', fetch: answering(400, envelope).fetch })).toEqual({
      ok: false,
      status: 400,
      error: { code: 'invalid_request', message: 'Fix it.', issues: [{ path: 'phone', code: 'phone_length', message: 'Too short.' }] },
    });
    const garbage = await createSession('https://s.example', { delivery: 'link' }, { idempotencyKey: 'k', fetch: answering(502, '<html>').fetch });
    expect(garbage).toMatchObject({ ok: false, status: 502, error: { code: 'bad_response' } });
    const unsafe = await createSession('https://s.example', { delivery: 'link' }, { idempotencyKey: 'k', fetch: answering(201, { ...session, capture_url: 'javascript:alert(1)' }).fetch });
    expect(unsafe).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    const offline = await createSession('https://s.example', { delivery: 'link' }, {
      idempotencyKey: 'k',
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    expect(offline).toMatchObject({ ok: false, error: { code: 'network_error' } });
  });
});

describe('follow-up calls', () => {
  it('asks for the status with the ticket as a bearer token', async () => {
    const { fetch, seen } = answering(200, { status: 'STARTED', updated_at: null });
    expect(await getStatus('https://s.example/', session, { fetch })).toEqual({ ok: true, value: { status: 'STARTED', updated_at: null } });
    expect(seen[0]!.url).toBe('https://s.example/v1/sessions/DMO-7K2P9QX4ZT/status');
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.headers.get('Authorization')).toBe('Bearer tkt.123');
  });

  it('posts the resend with the ticket, and reports the refusal codes', async () => {
    const { fetch, seen } = answering(200, { sms_to: '+1 ••• ••• 4567' });
    expect(await resendSms('https://s.example', session, { fetch })).toEqual({ ok: true, value: { sms_to: '+1 ••• ••• 4567' } });
    expect(seen[0]!.url).toBe('https://s.example/v1/sessions/DMO-7K2P9QX4ZT/resend');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('Authorization')).toBe('Bearer tkt.123');

    const refused = answering(409, { error: { code: 'resend_not_allowed', message: 'Not again.' } });
    expect(await resendSms('https://s.example', session, { fetch: refused.fetch })).toMatchObject({ ok: false, status: 409, error: { code: 'resend_not_allowed' } });
    const older = answering(404, { error: { code: 'not_found', message: 'No such route.' } });
    expect(await resendSms('https://s.example', session, { fetch: older.fetch })).toMatchObject({ ok: false, status: 404, error: { code: 'not_found' } });
  });
});

describe('readBare (a create read without the hand-off module)', () => {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

  it('takes a session whose capture_url is http(s), and nothing else for an href', async () => {
    expect(await readBare(json(201, session))).toEqual({ ok: true, value: session });
    expect(await readBare(json(201, { ...session, capture_url: 'javascript:alert(1)' }))).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('says an error in the signer’s own words', async () => {
    expect(await readBare(json(429, { error: { code: 'rate_limited', message: 'Too many requests.' } }))).toMatchObject({ ok: false, status: 429, error: { message: 'Too many requests.' } });
    expect(await readBare(new Response('<html>', { status: 502 }))).toMatchObject({ ok: false, status: 502, error: { code: 'bad_response' } });
  });
});
