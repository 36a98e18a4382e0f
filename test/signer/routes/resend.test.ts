/**
 * POST /v1/sessions/:key/resend over HTTP against the in-process sandbox: the ticket rule, PAVE's
 * once-per-session rules mapped to 409, the optional corrected number, and the gate before PAVE.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { SignerError } from '../../../signer/errors.ts';
import type { Attempt } from '../../../signer/defences/attempt.ts';
import { createTicketMinter } from '../../../signer/policy/ticket.ts';
import { createStack } from '../../fixtures/stack.ts';

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
    expect(stack.paveCalls().map((call) => call.body)).toEqual([{ phone: '+16474551234' }]);

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
    expect(wrongKey.paveCalls()).toEqual([expect.objectContaining({ path: `/v2/capture/sessions/${session.session_key}/resend`, status: 401 })]);
  });
});
