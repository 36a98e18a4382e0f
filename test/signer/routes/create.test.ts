/**
 * POST /v1/sessions over HTTP (app.request) against the in-process PAVE sandbox.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../signer/app.ts';
import { createStack, inProcessFetch, ORIGIN } from '../../fixtures/stack.ts';

let stack: ReturnType<typeof createStack>;
beforeEach(() => {
  stack = createStack();
});

const json = (response: Response) => response.json() as Promise<any>;

describe('POST /v1/sessions — success', () => {
  it('creates a link session: 201 {session_key, capture_url, delivery, ticket}', async () => {
    const response = await stack.post({ delivery: 'link', vin: '1HGCM82633A004352' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toEqual({
      session_key: expect.stringMatching(/^[A-Z]{3,4}-[A-Z0-9]{10}$/),
      capture_url: `https://demo.vehiclecapture.com/${body.session_key}`,
      delivery: 'link',
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(stack.sandbox.store.sessions.get(body.session_key)?.vehicle).toEqual({ vin: '1HGCM82633A004352' });
    expect(stack.sandbox.store.outbox).toEqual([]);
  });

  it('texts the link: E.164 recipient, server-side sender and business name, masked number back', async () => {
    const response = await stack.post({ delivery: 'sms', phone: '(202) 555-0143', name: 'Jane Smith' });
    expect(response.status).toBe(201);
    const body = await json(response);
    expect(body).toMatchObject({ delivery: 'sms', sms_to: '+1 ••• ••• 0143' });
    expect(stack.sandbox.store.outbox).toEqual([
      expect.objectContaining({ session_key: body.session_key, to: '+12025550143', to_name: 'Jane Smith', from: '+16475550100', by: 'Main Street Motors' }),
    ]);
  });

  it('sends PAVE the site’s session options and the customer’s language', async () => {
    await stack.post({ delivery: 'link', language: 'fr' });
    const [call] = stack.paveCalls();
    expect(call).toMatchObject({ method: 'POST', path: '/v1/sessions', status: 201 });
    expect(call?.body).toEqual({ session: { theme: 'PRO', redirect_url: 'https://www.dealer.example/thanks', language: 'FR' } });
  });

  it('answers with nothing secret', async () => {
    const text = await (await stack.post({ delivery: 'sms', phone: '2025550143' })).text();
    expect(text).not.toContain(stack.config.sites.get('default')!.pave.credentials.apiSecret);
    expect(text).not.toContain(stack.config.sites.get('default')!.pave.credentials.apiKey);
    expect(text).not.toContain('2025550143');
  });
});

describe('POST /v1/sessions — bad input never reaches PAVE', () => {
  const cases: Array<[string, unknown, Record<string, string>, number, string, string[]?]> = [
    ['invalid VIN characters', { delivery: 'link', vin: '1HGCM82633A00435O' }, {}, 400, 'invalid_request', ['vin']],
    ['wrong VIN check digit', { delivery: 'link', vin: '1HGCM82634A004352' }, {}, 400, 'invalid_request', ['vin']],
    ['short phone', { delivery: 'sms', phone: '555-0143' }, {}, 400, 'invalid_request', ['phone']],
    ['unknown field', { delivery: 'link', theme: 'LITE' }, {}, 400, 'invalid_request', ['theme']],
    ['sms without phone', { delivery: 'sms' }, {}, 400, 'invalid_request', ['phone']],
    ['not JSON', '{"delivery":', {}, 400, 'invalid_json'],
    ['not application/json', { delivery: 'link' }, { 'Content-Type': 'text/plain' }, 415, 'unsupported_media_type'],
    ['over 8 KiB', { delivery: 'link', name: 'x'.repeat(9000) }, {}, 413, 'payload_too_large'],
    ['foreign origin', { delivery: 'link' }, { Origin: 'https://evil.example' }, 403, 'origin_not_allowed'],
    ['unknown site', { delivery: 'link', site: 'elsewhere' }, {}, 404, 'unknown_site'],
  ];

  it.each(cases)('%s', async (_name, body, headers, status, code, paths) => {
    const response = await stack.post(body, headers);
    expect(response.status).toBe(status);
    const error = (await json(response)).error;
    expect(error.code).toBe(code);
    expect(error.message).toEqual(expect.any(String));
    if (paths) expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
    expect(stack.paveCalls()).toEqual([]);
  });

  it('refuses a request with no Origin at all', async () => {
    const response = await stack.app.request('/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(response.status).toBe(403);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(stack.paveCalls()).toEqual([]);
  });

  it('refuses numbers outside the SMS countries', async () => {
    const response = await stack.post({ delivery: 'sms', phone: '+33 6 12 34 56 78' });
    expect(response.status).toBe(400);
    expect((await json(response)).error.issues).toEqual([{ path: 'phone', code: 'country_not_allowed', countries: ['US', 'CA'], message: expect.stringContaining('United States, Canada') }]);
    expect(stack.paveCalls()).toEqual([]);
  });

  it('applies the site’s VIN rules', async () => {
    const strict = createStack({ REQUIRE_VIN: 'true', STRICT_VIN: 'true' });
    expect((await json(await strict.post({ delivery: 'link' }))).error.issues).toEqual([{ path: 'vin', code: expect.any(String), message: 'A VIN is required.' }]);
    expect((await strict.post({ delivery: 'link', vin: 'WVWZZZ1JZXW000001' })).status).toBe(400);
    expect((await stack.post({ delivery: 'link', vin: 'WVWZZZ1JZXW000001' })).status).toBe(201);
    expect(strict.paveCalls()).toEqual([]);
  });
});

describe('POST /v1/sessions — PAVE failures', () => {
  it('turns a refused signature (wrong secret) into 502 upstream_rejected', async () => {
    const wrong = createStack({ PAVE_API_SECRET: 'not-the-secret' });
    const response = await wrong.post({ delivery: 'link' });
    expect(response.status).toBe(502);
    expect((await json(response)).error).toEqual({ code: 'upstream_rejected', message: expect.stringMatching(/credentials/) });
    expect(wrong.paveCalls()).toEqual([expect.objectContaining({ status: 401 })]);
  });

  it('passes PAVE’s field errors on when they are about the customer', async () => {
    const config = stack.config;
    const pave400: typeof fetch = async () =>
      Response.json({ message: 'The given data was invalid.', errors: { 'sms.to': ['The sms.to is not a mobile number.'], 'sms.from': ['Bad sender.'] } }, { status: 400 });
    const app = createApp({ config, fetch: pave400, log: () => {} });
    const response = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }),
    });
    expect(response.status).toBe(502);
    expect((await json(response)).error).toEqual({
      code: 'upstream_rejected',
      message: expect.any(String),
      issues: [{ path: 'phone', code: expect.any(String), message: 'The sms.to is not a mobile number.' }],
    });
  });

  it('keeps PAVE’s messages about the dealer’s own settings from the customer', async () => {
    const pave400: typeof fetch = async () =>
      Response.json({ message: 'The given data was invalid.', errors: { 'sms.from': ['Bad sender.'], 'session.redirect_url': ['Bad URL.'] } }, { status: 400 });
    const app = createApp({ config: stack.config, fetch: pave400, log: () => {} });
    const response = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }),
    });
    expect(response.status).toBe(502);
    const error = (await json(response)).error;
    expect(error).toEqual({ code: 'upstream_rejected', message: 'The inspection service refused the request.' });
    expect(JSON.stringify(error)).not.toMatch(/sms\.from|Bad sender|redirect/);
  });

  it.each([
    ['error', 502, 'upstream_error'],
    ['garbage', 502, 'upstream_error'],
    ['reset', 502, 'upstream_error'],
  ] as const)('maps a sandbox %s to %i %s', async (mode, status, code) => {
    stack.sandbox.faults.set(mode, { times: 1 });
    const response = await stack.post({ delivery: 'link' });
    expect(response.status).toBe(status);
    expect((await json(response)).error.code).toBe(code);
  });

  it('gives up after the timeout with 504 and does not retry the create', async () => {
    const slow = createStack({ PAVE_TIMEOUT_MS: '200' });
    slow.sandbox.faults.set('hang', { times: 1 });
    const response = await slow.post({ delivery: 'sms', phone: '2025550143' });
    expect(response.status).toBe(504);
    expect((await json(response)).error.code).toBe('upstream_timeout');
    expect(slow.sandbox.store.outbox).toHaveLength(1); // PAVE got it once, and only once
  });
});

describe('POST /v1/sessions — full mapping (what the sandbox received)', () => {
  it('maps every request field and every site setting onto PAVE’s body', async () => {
    const site = createStack({ PAVE_THEME: 'CAPT', PAVE_CLIENT_ID: 'ROOFTOP-7', PAVE_LANGUAGE: 'es' });
    const response = await site.post({
      delivery: 'sms',
      phone: '(647) 455-1234',
      name: 'Jane  Smith',
      vin: '1hgcm8 2633a004352',
      year: 2003,
      make: 'Honda',
      model: 'Accord',
      metadata: { lead_id: 'LEAD-123' },
    });
    expect(response.status).toBe(201);
    const { session_key } = await json(response);
    expect(site.paveCalls().map((call) => call.body)).toEqual([
      {
        session: {
          theme: 'CAPT',
          redirect_url: 'https://www.dealer.example/thanks',
          language: 'ES',
          client_id: 'ROOFTOP-7',
          contact: { first_name: 'Jane', last_name: 'Smith' },
          reference: { lead_id: 'LEAD-123' },
        },
        vehicle: { vin: '1HGCM82633A004352', year: 2003, make: 'Honda', model: 'Accord' },
        sms: { to: '+16474551234', to_name: 'Jane  Smith', from: '+16475550100', by: 'Main Street Motors' },
      },
    ]);
    const stored = site.sandbox.store.sessions.get(session_key)!;
    expect(stored).toMatchObject({ theme: 'CAPT', language: 'ES', options: { client_id: 'ROOFTOP-7', reference: { lead_id: 'LEAD-123' } } });
    expect(site.sandbox.store.outbox).toEqual([expect.objectContaining({ kind: 'create', to: '+16474551234', from: '+16475550100', by: 'Main Street Motors' })]);
  });

  it('defaults the language to the site’s and leaves contact out for a one-word name', async () => {
    await stack.post({ delivery: 'sms', phone: '2025550143', name: 'Cher' });
    expect(stack.paveCalls()[0]?.body).toEqual({
      session: { theme: 'PRO', redirect_url: 'https://www.dealer.example/thanks', language: 'EN' },
      sms: { to: '+12025550143', to_name: 'Cher', from: '+16475550100', by: 'Main Street Motors' },
    });
  });

  it('never lets the browser choose PAVE options', async () => {
    const response = await stack.post({ delivery: 'sms', phone: '2025550143', sms: { from: '+15550000000' }, redirect_url: 'https://evil.example', vehicle: {} });
    expect(response.status).toBe(400);
    expect((await json(response)).error.issues.map((issue: { path: string }) => issue.path)).toEqual(['sms', 'redirect_url', 'vehicle']);
    expect(stack.paveCalls()).toEqual([]);
  });

  it('refuses a landline and a bad vehicle year before PAVE', async () => {
    const landline = await stack.post({ delivery: 'sms', phone: '+44 20 7946 0958', site: undefined });
    expect(landline.status).toBe(400);
    const year = await stack.post({ delivery: 'link', year: 1800 });
    expect((await json(year)).error.issues).toEqual([{ path: 'year', code: expect.any(String), message: 'The year must be 1900 or later.' }]);
    expect(stack.paveCalls()).toEqual([]);
  });
});

describe('POST /v1/sessions — upstream discipline', () => {
  const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });

  it('tries once more when the connection was refused (PAVE cannot have received it)', async () => {
    const sandbox = createStack().sandbox;
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls += 1;
      if (calls === 1) throw refused();
      return inProcessFetch(sandbox.app)(input, init);
    };
    const app = createApp({ config: stack.config, fetch: flaky, log: () => {} });
    const response = await app.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"sms","phone":"2025550143"}' });
    expect(response.status).toBe(201);
    expect(calls).toBe(2);
    expect(sandbox.store.outbox).toHaveLength(1);
  });

  it('gives up after that one retry', async () => {
    let calls = 0;
    const down: typeof fetch = async () => {
      calls += 1;
      throw refused();
    };
    const app = createApp({ config: stack.config, fetch: down, log: () => {} });
    const response = await app.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(response.status).toBe(502);
    expect((await json(response)).error.code).toBe('upstream_error');
    expect(calls).toBe(2);
  });

  it('never retries a reset connection: PAVE may have received it', async () => {
    stack.sandbox.faults.set('reset', { times: 1 });
    let calls = 0;
    const counted: typeof fetch = (input, init) => ((calls += 1), inProcessFetch(stack.sandbox.app)(input, init));
    const app = createApp({ config: stack.config, fetch: counted, log: () => {} });
    const response = await app.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(response.status).toBe(502);
    expect((await json(response)).error.code).toBe('upstream_error');
    expect(calls).toBe(1);
  });

  it('maps a 2xx without a session key to upstream_error', async () => {
    const odd: typeof fetch = async () => Response.json({ ok: true }, { status: 201 });
    const app = createApp({ config: stack.config, fetch: odd, log: () => {} });
    const response = await app.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(response.status).toBe(502);
    expect((await json(response)).error.code).toBe('upstream_error');
  });
});
