/**
 * POST /v1/sessions/:key/resend over HTTP against the in-process sandbox: the ticket rule, PAVE's
 * once-per-session rules mapped to 409, the optional corrected number, the gate before PAVE, and every
 * ceiling a paid text spends.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { SignerError } from '../../../signer/errors.ts';
import type { Attempt } from '../../../signer/defences/attempt.ts';
import { createTicketMinter } from '../../../signer/policy/ticket.ts';
import { createDefendedStack } from '../../fixtures/defended-stack.ts';
import { createStack } from '../../fixtures/stack.ts';
import { TURNSTILE_FAKE_URL, TURNSTILE_TEST_SECRET } from '../../fixtures/turnstile.ts';

let stack: ReturnType<typeof createStack>;
let session: { session_key: string; ticket: string };
beforeEach(async () => {
  stack = createStack();
  session = await (await stack.post({ delivery: 'sms', phone: '2025550143', name: 'Jane Smith' })).json();
  stack.sandbox.store.requests.length = 0;
});

const json = (response: Response) => response.json() as Promise<any>;

describe('POST /v1/sessions/:key/resend', () => {
  it('texts the link again to the same number and answers it masked', async () => {
    const response = await stack.resend(session.session_key, session.ticket);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ sms_to: '+1 ••• ••• 0143' });
    expect(stack.sandbox.store.outbox.map((message) => [message.kind, message.to, message.to_name, message.by])).toEqual([
      ['create', '+12025550143', 'Jane Smith', 'Main Street Motors'],
      ['resend', '+12025550143', 'Jane Smith', 'Main Street Motors'],
    ]);
    // It read the number from PAVE, then asked for the resend with the documented header.
    expect(stack.paveCalls().map((call) => [call.method, call.path, call.status, call.body])).toEqual([
      ['GET', `/v1/sessions/${session.session_key}`, 200, undefined],
      ['POST', `/v2/capture/sessions/${session.session_key}/resend`, 200, {}],
    ]);
  });

  it('texts a corrected number instead, checked like a create’s', async () => {
    const response = await stack.resend(session.session_key, session.ticket, { phone: '(647) 455-1234' });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ sms_to: '+1 ••• ••• 1234' });
    expect(stack.sandbox.store.outbox.at(-1)).toMatchObject({ kind: 'resend', to: '+16474551234' });
    // It read the session first (to know whether the number is the one it was texted to), then resent.
    expect(stack.paveCalls().map((call) => [call.method, call.body])).toEqual([
      ['GET', undefined],
      ['POST', { phone: '+16474551234' }],
    ]);

    const landline = await stack.resend(session.session_key, session.ticket, { phone: '+44 20 7946 0958' });
    expect(landline.status).toBe(400);
    expect((await json(landline)).error.issues).toEqual([{ path: 'phone', code: expect.any(String), message: expect.any(String) }]);
  });

  it('validates its body like every other', async () => {
    const unknown = await stack.resend(session.session_key, session.ticket, { phone: '2025550143', sms: {} });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error.issues).toEqual([{ path: 'sms', code: expect.any(String), message: 'Unknown field.' }]);
    const garbled = await stack.resend(session.session_key, session.ticket, '{"phone":');
    expect((await json(garbled)).error.code).toBe('invalid_json');
    const text = await stack.resend(session.session_key, session.ticket, undefined, { 'Content-Type': 'text/plain' });
    expect(text.status).toBe(200); // no body at all: the content type does not matter
    expect(stack.sandbox.store.outbox).toHaveLength(2);
  });

  it('answers 409 resend_not_allowed the second time (PAVE allows one)', async () => {
    expect((await stack.resend(session.session_key, session.ticket)).status).toBe(200);
    const second = await stack.resend(session.session_key, session.ticket);
    expect(second.status).toBe(409);
    expect(await json(second)).toEqual({ error: { code: 'resend_not_allowed', message: expect.any(String) } });
    expect(stack.sandbox.store.outbox).toHaveLength(2);
  });

  it.each(['QC_PASSED', 'COMPLETE', 'EXPIRED'])('answers 409 once the session is %s', async (status) => {
    await stack.sandbox.app.request(`/_sandbox/sessions/${session.session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    const response = await stack.resend(session.session_key, session.ticket);
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe('resend_not_allowed');
    expect(stack.sandbox.store.outbox).toHaveLength(1);
  });

  it('answers 409 after seven days', async () => {
    let now = new Date('2026-11-28T10:00:00Z');
    const aging = createStack({}, { now: () => now }, { now: () => now });
    const created = await (await aging.post({ delivery: 'sms', phone: '2025550143' })).json();
    now = new Date('2026-12-05T10:00:01Z');
    const response = await aging.resend(created.session_key, created.ticket);
    expect(response.status).toBe(409);
    expect(aging.sandbox.store.outbox).toHaveLength(1);
  });

  it('answers 409 for a link that was never texted, without asking PAVE to text', async () => {
    const link = await (await stack.post({ delivery: 'link' })).json();
    stack.sandbox.store.requests.length = 0;
    const response = await stack.resend(link.session_key, link.ticket);
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe('resend_not_allowed');
    expect(stack.paveCalls().map((call) => call.method)).toEqual(['GET']);
  });

  it('needs the session’s ticket, like status', async () => {
    const other = await (await stack.post({ delivery: 'sms', phone: '2025550199' })).json();
    stack.sandbox.store.requests.length = 0;
    for (const ticket of [undefined, other.ticket, 'garbage']) {
      const response = await stack.resend(session.session_key, ticket);
      expect(response.status).toBe(404);
      expect((await json(response)).error.code).toBe('unknown_session');
    }
    expect(stack.paveCalls()).toEqual([]);
    expect(stack.sandbox.store.outbox).toHaveLength(2);
  });

  it('asks admit first, with kind "resend", and stops when it refuses', async () => {
    const attempts: Attempt[] = [];
    const gated = createStack({}, {}, {
      admit: async (attempt) => {
        attempts.push(attempt);
        if (attempt.kind === 'resend') throw new SignerError('rate_limited', 'Too many texts.', { headers: { 'Retry-After': '60' } });
      },
    });
    const created = await (await gated.post({ delivery: 'sms', phone: '2025550143' })).json();
    const response = await gated.resend(created.session_key, created.ticket);
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('60');
    expect(attempts.map((attempt) => [attempt.kind, attempt.delivery, attempt.phone, attempt.sessionKey])).toEqual([
      ['create', 'sms', '+12025550143', undefined],
      ['resend', 'sms', '+12025550143', created.session_key],
    ]);
    expect(gated.sandbox.store.outbox).toHaveLength(1);
  });

  it.each([
    ['error', 502, 'upstream_error'],
    ['garbage', 502, 'upstream_error'],
  ] as const)('maps a sandbox %s to %i %s', async (mode, status, code) => {
    stack.sandbox.faults.set(mode, { times: 1 });
    const response = await stack.resend(session.session_key, session.ticket, { phone: '2025550199' });
    expect(response.status).toBe(status);
    expect((await json(response)).error.code).toBe(code);
  });

  it('maps a refused API key to upstream_rejected, never to "not allowed"', async () => {
    const wrongKey = createStack({ PAVE_API_KEY: 'not-the-key' });
    const ticket = await createTicketMinter(wrongKey.config.sites.get('default')!.pave.credentials.apiSecret).issue('default', session.session_key);
    const response = await wrongKey.resend(session.session_key, ticket, { phone: '2025550143' });
    expect(response.status).toBe(502);
    expect((await json(response)).error).toEqual({ code: 'upstream_rejected', message: expect.stringMatching(/credentials/) });
    expect(wrongKey.paveCalls()).toEqual([expect.objectContaining({ path: `/v1/sessions/${session.session_key}`, status: 401 })]);
  });
});

describe('POST /v1/sessions/:key/resend — every paid text counted, bounded before PAVE', () => {
  const TOKEN = (nonce: string) => ({ 'X-Turnstile-Token': `pass:www.dealer.example/${nonce}` });
  const resends = (stack: { paveCalls: () => { path: string }[] }) => stack.paveCalls().filter((call) => call.path.endsWith('/resend')).length;

  async function defended(env: Record<string, string> = {}) {
    const stack = createDefendedStack({ env });
    let caller = 0;
    const texted = async (phone = '2025550143'): Promise<{ session_key: string; ticket: string }> =>
      json(await stack.post({ delivery: 'sms', phone }, {}, `192.0.2.${(caller += 1)}`));
    return { stack, texted };
  }

  it('is refused by the caller’s follow-up ceiling before any PAVE call, even without a body', async () => {
    const { stack, texted } = await defended({ RATE_LIMIT_FOLLOW_UP_IP: '2' });
    const created = await texted();
    expect((await stack.status(created.session_key, created.ticket)).status).toBe(200);
    expect((await stack.status(created.session_key, created.ticket)).status).toBe(200);
    const before = stack.paveCalls().length;
    const refused = await stack.resend(created.session_key, created.ticket);
    expect([refused.status, (await json(refused)).error.code]).toEqual([429, 'rate_limited']);
    expect(stack.paveCalls()).toHaveLength(before);
  });

  it('holds one session to RATE_LIMIT_RESEND_SESSION resends a day, before PAVE is asked', async () => {
    const { stack, texted } = await defended({ RATE_LIMIT_RESEND_SESSION: '2' });
    const created = await texted();
    expect((await stack.resend(created.session_key, created.ticket)).status).toBe(200);
    expect((await stack.resend(created.session_key, created.ticket)).status).toBe(409); // PAVE's own rule: once
    const before = stack.paveCalls().length;
    const refused = await stack.resend(created.session_key, created.ticket, undefined, {}, '192.0.2.99');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe(String(24 * 3600));
    expect((await json(refused)).error.message).toMatch(/inspection/);
    expect(stack.paveCalls()).toHaveLength(before);
  });

  it('spends the number’s hourly ceiling, as a create does', async () => {
    const { stack, texted } = await defended({ RATE_LIMIT_PHONE: '2' });
    const first = await texted();
    const second = await texted('2025550199');
    expect((await stack.resend(second.session_key, second.ticket, { phone: '2025550143' })).status).toBe(200);
    const refused = await stack.resend(first.session_key, first.ticket);
    expect([refused.status, refused.headers.get('Retry-After')]).toEqual([429, '3600']);
    expect((await json(refused)).error.message).toMatch(/number/);
    expect(stack.sandbox.store.outbox.map((text) => [text.kind, text.to])).toEqual([
      ['create', '+12025550143'],
      ['create', '+12025550199'],
      ['resend', '+12025550143'],
    ]);
  });

  it('with RATE_LIMIT_SITE_DAY=3: three texted creates, the fourth refused, and a resend of each refused too', async () => {
    const { stack, texted } = await defended({ RATE_LIMIT_SITE_DAY: '3' });
    const sessions = [await texted('2025550141'), await texted('2025550142'), await texted('2025550143')];
    expect((await stack.post({ delivery: 'sms', phone: '2025550144' }, {}, '192.0.2.250')).status).toBe(429);
    for (const session of sessions) {
      const refused = await stack.resend(session.session_key, session.ticket);
      expect(refused.status).toBe(429);
      expect((await json(refused)).error.message).toMatch(/today/);
    }
    expect(stack.sandbox.store.outbox).toHaveLength(3);
    expect(resends(stack)).toBe(0);
  });

  it('with RATE_LIMIT_SITE_DAY=3, no sequence of creates and resends makes PAVE text more than 3 times that day', async () => {
    const phones = ['2025550141', '2025550142', '(647) 455-1234', '+1 202 555 0199'];
    const step = fc.oneof(
      fc.record({ op: fc.constant('create' as const), delivery: fc.constantFrom('sms', 'link'), phone: fc.constantFrom(...phones) }),
      fc.record({ op: fc.constant('resend' as const), target: fc.nat(20), phone: fc.option(fc.constantFrom(...phones), { nil: undefined }) }),
      fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 90 * 60_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 14 }), async (steps) => {
        const stack = createDefendedStack({ env: { RATE_LIMIT_SITE_DAY: '3', RATE_LIMIT_PHONE: '100', RATE_LIMIT_RESEND_SESSION: '100' } });
        const sessions: { session_key: string; ticket: string }[] = [];
        let elapsed = 0;
        for (const [index, next] of steps.entries()) {
          const ip = `198.51.100.${index}`;
          if (next.op === 'wait') {
            // Stay within one day: the ceiling is "in any 24 hours".
            const ms = Math.min(next.ms, 23 * 3_600_000 - elapsed);
            stack.clock.advance(ms);
            elapsed += ms;
          } else if (next.op === 'create') {
            const response = await stack.post(next.delivery === 'sms' ? { delivery: 'sms', phone: next.phone } : { delivery: 'link' }, {}, ip);
            if (response.status === 201) sessions.push(await json(response));
          } else if (sessions.length) {
            const target = sessions[next.target % sessions.length]!;
            await stack.resend(target.session_key, target.ticket, next.phone === undefined ? undefined : { phone: next.phone }, {}, ip);
          }
        }
        expect(stack.sandbox.store.outbox.length).toBeLessThanOrEqual(3);
        expect(sessions.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('checks a number the session was not texted to like a create: textable, allowed country, bot check', async () => {
    const { stack } = await defended({ TURNSTILE_SECRET: TURNSTILE_TEST_SECRET, TURNSTILE_VERIFY_URL: TURNSTILE_FAKE_URL });
    const create = async (body: object, nonce: string) => json(await stack.post(body, TOKEN(nonce), `192.0.2.${nonce.length}`));
    const texted = await create({ delivery: 'sms', phone: '2025550143' }, 'a');
    const link = await create({ delivery: 'link' }, 'bb');
    const other = await create({ delivery: 'sms', phone: '2025550144' }, 'ccc');

    // The number it was texted to: no bot check (the widget's "Resend text" sends no token).
    expect((await stack.resend(texted.session_key, texted.ticket)).status).toBe(200);

    // A link session texted to a number, or a texted one to another number: a bot-check token is required …
    for (const session of [link, other]) {
      const refused = await stack.resend(session.session_key, session.ticket, { phone: '6474551234' });
      expect([refused.status, (await json(refused)).error.code]).toEqual([403, 'bot_check_failed']);
    }
    // … and the number must be one the site may text.
    const abroad = await stack.resend(link.session_key, link.ticket, { phone: '+44 7400 123456' }, TOKEN('d'));
    expect([abroad.status, (await json(abroad)).error.issues]).toEqual([400, [{ path: 'phone', code: 'country_not_allowed', countries: ['US', 'CA'], message: 'We can only text numbers in United States, Canada.' }]]);
    expect(resends(stack)).toBe(1);

    const withToken = await stack.resend(link.session_key, link.ticket, { phone: '2025550177' }, TOKEN('e'));
    expect(withToken.status).toBe(200);
    expect(stack.sandbox.store.outbox.at(-1)).toMatchObject({ kind: 'resend', to: '+12025550177' });
    // Said explicitly, the number the session was texted to is still no new number.
    expect((await stack.resend(other.session_key, other.ticket, { phone: '(202) 555-0144' })).status).toBe(200);
    expect(stack.turnstile.calls.map((call) => call.response)).toEqual(['pass:www.dealer.example/a', 'pass:www.dealer.example/bb', 'pass:www.dealer.example/ccc', 'pass:www.dealer.example/e']);
  });
});
