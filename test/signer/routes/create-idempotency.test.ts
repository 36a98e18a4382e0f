/**
 * POST /v1/sessions, once per idempotency scope (`policy/idempotency-scope.ts` over
 * `stores/idempotency/once.ts`): a repeat gets the first answer and never a second text. Over HTTP
 * (app.request) against the in-process PAVE sandbox.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../demo/sandbox/app.ts';
import { nodeHashing } from '../../../signer/node-hashing.ts';
import { createStack, ORIGIN } from '../../fixtures/stack.ts';

let stack: ReturnType<typeof createStack>;
beforeEach(() => {
  stack = createStack();
});

const json = (response: Response) => response.json() as Promise<any>;

describe('POST /v1/sessions — idempotency', () => {
  const sms = { delivery: 'sms', phone: '2025550143', vin: '1HGCM82633A004352' };

  it('answers a repeated Idempotency-Key with the first answer: one session, one text', async () => {
    const first = await stack.post(sms, { 'Idempotency-Key': 'submit-1' });
    const again = await stack.post(sms, { 'Idempotency-Key': 'submit-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await json(again)).toEqual(await json(first));
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(stack.sandbox.store.outbox).toHaveLength(1);
    expect(stack.paveCalls()).toHaveLength(1);
    expect(stack.logs.map((line) => [line.idempotency, line.replayed])).toEqual([['key', false], ['key', true]]);
  });

  it('creates again for a new key', async () => {
    const first = await json(await stack.post(sms, { 'Idempotency-Key': 'submit-1' }));
    const second = await json(await stack.post(sms, { 'Idempotency-Key': 'submit-2' }));
    expect(second.session_key).not.toBe(first.session_key);
    expect(stack.sandbox.store.outbox).toHaveLength(2);
  });

  it('waits for the first request instead of creating twice when both arrive at once', async () => {
    stack.sandbox.faults.set('slow', { delayMs: 150, times: 1 });
    const [a, b] = await Promise.all([stack.post(sms, { 'Idempotency-Key': 'tab' }), stack.post(sms, { 'Idempotency-Key': 'tab' })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await json(a)).session_key).toBe((await json(b)).session_key);
    expect(stack.sandbox.store.outbox).toHaveLength(1);
    expect(stack.paveCalls()).toHaveLength(1);
  });

  it('refuses the same key with another body', async () => {
    await stack.post(sms, { 'Idempotency-Key': 'submit-1' });
    const other = await stack.post({ ...sms, phone: '2025550199' }, { 'Idempotency-Key': 'submit-1' });
    expect(other.status).toBe(400);
    expect((await json(other)).error).toEqual({
      code: 'invalid_request',
      message: expect.any(String),
      issues: [{ path: 'Idempotency-Key', code: expect.any(String), message: 'This Idempotency-Key was already used for a different request.' }],
    });
    expect(stack.paveCalls()).toHaveLength(1);
  });

  it('refuses a malformed key', async () => {
    const response = await stack.post(sms, { 'Idempotency-Key': 'x'.repeat(65) });
    expect(response.status).toBe(400);
    expect((await json(response)).error.issues).toEqual([{ path: 'Idempotency-Key', code: expect.any(String), message: expect.stringMatching(/64/) }]);
    expect(stack.paveCalls()).toEqual([]);
  });

  it('keys are per site: the same key on another site is another request', async () => {
    const other = { username: 'north', apiKey: 'north_key', apiSecret: 'north_secret' };
    const multi = createStack(
      {
        SITES_JSON: JSON.stringify({
          sites: {
            south: { pave_account: 'environment', ALLOWED_ORIGINS: ORIGIN },
            north: { ALLOWED_ORIGINS: ORIGIN, PAVE_USERNAME: 'north', PAVE_API_KEY: 'north_key', PAVE_API_SECRET: 'north_secret' },
          },
        }),
      },
      { accounts: [DEMO_ACCOUNT, other] },
    );
    const south = await json(await multi.post({ ...sms, site: 'south' }, { 'Idempotency-Key': 'k' }));
    const north = await json(await multi.post({ ...sms, site: 'north' }, { 'Idempotency-Key': 'k' }));
    expect(north.session_key).not.toBe(south.session_key);
    expect(multi.sandbox.store.outbox).toHaveLength(2);
  });

  it('without a key, recognises a repeat of the whole request for a short while', async () => {
    const first = await json(await stack.post({ ...sms, name: 'Jane Smith' }));
    const again = await stack.post({ ...sms, name: 'Jane Smith' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(again)).session_key).toBe(first.session_key);
    // Not a repeat: another delivery, another name, other metadata (another lead of the dealer's).
    for (const other of [{ ...sms, delivery: 'link' }, { ...sms, name: 'John Smith' }, { ...sms, name: 'Jane Smith', metadata: { lead: '42' } }]) {
      const response = await stack.post(other);
      expect(response.headers.get('Idempotent-Replayed'), JSON.stringify(other)).toBeNull();
      expect((await json(response)).session_key).not.toBe(first.session_key);
    }
    expect(stack.sandbox.store.outbox).toHaveLength(3);
    expect(stack.logs.map((line) => line.idempotency)).toEqual(['fingerprint', 'fingerprint', 'fingerprint', 'fingerprint', 'fingerprint']);
  });

  it('a keyed replay answers only its caller: the same key and body from another client is a request of its own', async () => {
    let ip = '203.0.113.1';
    const stackWithIp = createStack({}, {}, { clientIp: () => ip });
    const first = await json(await stackWithIp.post(sms, { 'Idempotency-Key': 'k' }));
    ip = '198.51.100.7';
    const stranger = await stackWithIp.post(sms, { 'Idempotency-Key': 'k' });
    expect(stranger.status).toBe(201);
    expect(stranger.headers.get('Idempotent-Replayed')).toBeNull();
    const theirs = await json(stranger);
    expect([theirs.session_key === first.session_key, theirs.ticket === first.ticket]).toEqual([false, false]);
    // The first caller still gets its own answer; an IPv6 client is one caller across its /64.
    ip = '203.0.113.1';
    expect((await json(await stackWithIp.post(sms, { 'Idempotency-Key': 'k' }))).session_key).toBe(first.session_key);
    ip = '2001:db8:1:2::1';
    const v6 = await json(await stackWithIp.post(sms, { 'Idempotency-Key': 'k' }));
    ip = '2001:db8:1:2:ffff::9';
    const sameNetwork = await stackWithIp.post(sms, { 'Idempotency-Key': 'k' });
    expect(sameNetwork.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(sameNetwork)).session_key).toBe(v6.session_key);
  });

  it('remembers a key through 30 000 other creates: the same key then is still one session at PAVE', async () => {
    // A PAVE that answers at once and counts what it created (the sandbox would take minutes for 30 001 sessions).
    let created = 0;
    const fastPave: typeof fetch = async () => Response.json({ session_key: `DMO-${String(++created).padStart(8, '0')}`, capture_url: 'https://demo.vehiclecapture.com/x' }, { status: 201 });
    const busy = createStack({ RATE_LIMIT_IP: '1000000', RATE_LIMIT_SITE: '1000000', RATE_LIMIT_SITE_DAY: '100000' }, {}, { fetch: fastPave, hashing: nodeHashing, log: () => {} });
    const first = await busy.post({ delivery: 'link' }, { 'Idempotency-Key': 'the-customer' });
    expect(first.status).toBe(201);
    for (let batch = 0; batch < 600; batch++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => busy.post({ delivery: 'link' }, { 'Idempotency-Key': `someone-else-${batch * 50 + i}` })));
    }
    expect(created).toBe(30_001);
    const again = await busy.post({ delivery: 'link' }, { 'Idempotency-Key': 'the-customer' });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await json(again)).session_key).toBe((await json(first)).session_key);
    expect(created).toBe(30_001);
  }, 600_000);

  it('the fingerprint includes the client IP: someone else with the same phone and VIN gets no one’s link', async () => {
    let ip = '203.0.113.1';
    const stackWithIp = createStack({}, {}, { clientIp: () => ip });
    const first = await json(await stackWithIp.post(sms));
    ip = '198.51.100.7';
    const stranger = await stackWithIp.post(sms);
    expect(stranger.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await json(stranger)).session_key).not.toBe(first.session_key);
  });

  it('without a key, phone or VIN, nothing is deduplicated', async () => {
    await stack.post({ delivery: 'link' });
    await stack.post({ delivery: 'link' });
    expect(stack.paveCalls()).toHaveLength(2);
    expect(stack.logs.map((line) => line.idempotency)).toEqual([undefined, undefined]);
  });

  it('forgets a refusal by PAVE (nothing was created), so the same key can try again', async () => {
    const refusing = createStack({ PAVE_API_SECRET: 'wrong' });
    expect((await refusing.post(sms, { 'Idempotency-Key': 'k' })).status).toBe(502);
    expect((await refusing.post(sms, { 'Idempotency-Key': 'k' })).status).toBe(502);
    expect(refusing.paveCalls()).toHaveLength(2);
  });

  it('remembers a timeout (PAVE may have texted): the repeat gets the same 504, not a second text', async () => {
    const slow = createStack({ PAVE_TIMEOUT_MS: '150' });
    slow.sandbox.faults.set('hang', { times: 1 });
    const first = await slow.post(sms, { 'Idempotency-Key': 'k' });
    const again = await slow.post(sms, { 'Idempotency-Key': 'k' });
    expect([first.status, again.status]).toEqual([504, 504]);
    expect((await json(again)).error.code).toBe('upstream_timeout');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(slow.sandbox.store.outbox).toHaveLength(1);
  });

  it('says a remembered timeout may have texted, and when a retry is answered afresh (Retry-After)', async () => {
    const slow = createStack({ PAVE_TIMEOUT_MS: '150' });
    slow.sandbox.faults.set('hang', { times: 1 });
    const first = await slow.post(sms, { 'Idempotency-Key': 'k' });
    expect((await json(first)).error.may_have_texted).toBe(true);
    expect(first.headers.get('Retry-After')).toBe('120');
    const again = await slow.post(sms, { 'Idempotency-Key': 'k' });
    expect((await json(again)).error.may_have_texted).toBe(true);
    expect(Number(again.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(again.headers.get('Retry-After'))).toBeLessThanOrEqual(120);
  });

  it('in link mode, forgets a PAVE 500 (no text can have gone out): the next press with the same key creates a session', async () => {
    stack.sandbox.faults.set('error', { times: 1 });
    const link = { delivery: 'link', vin: '1HGCM82633A004352' };
    const first = await stack.post(link, { 'Idempotency-Key': 'press' });
    expect(first.status).toBe(502);
    expect((await json(first)).error.may_have_texted).toBeUndefined();
    const again = await stack.post(link, { 'Idempotency-Key': 'press' });
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBeNull();
  });
});
