/**
 * The sandbox is the tests' referee, so it is tested on its own — with node:crypto, never with the signer's code.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT } from '../../../demo/sandbox/app.ts';

const NOW = new Date('2026-11-28T10:00:00Z');

function signed(timestamp: string, account = DEMO_ACCOUNT, secret = account.apiSecret) {
  const token = createHmac('sha256', secret).update(`${account.username}:${account.apiKey}@${timestamp}`).digest('hex');
  return { 'API-Key': account.apiKey, 'API-Timestamp': timestamp, 'API-Token': token, 'Content-Type': 'application/json' };
}

function sandboxAt(now = NOW) {
  return createSandbox({ now: () => now });
}

const create = (sandbox: ReturnType<typeof createSandbox>, body: unknown, headers: Record<string, string> = signed('2026-11-28T10:00:00Z')) =>
  sandbox.app.request('/v1/sessions', { method: 'POST', headers, body: JSON.stringify(body) });

describe('sandbox authentication', () => {
  it('accepts a token over the exact timestamp header, in any ISO-8601 UTC form', async () => {
    for (const timestamp of ['2026-11-28T10:00:00Z', '2026-11-28T10:04:59+00:00', '2026-11-28T09:55:01.123Z']) {
      expect((await create(sandboxAt(), {}, signed(timestamp))).status, timestamp).toBe(201);
    }
  });

  it('matches the known-answer vector of pave-api.md', async () => {
    const account = { username: 'demo', apiKey: 'test_key', apiSecret: 'test_secret' };
    const sandbox = createSandbox({ accounts: [account], now: () => new Date('2021-05-30T12:49:19Z') });
    const response = await sandbox.app.request('/v1/sessions', {
      method: 'POST',
      headers: { 'API-Key': 'test_key', 'API-Timestamp': '2021-05-30T12:49:19Z', 'API-Token': 'a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355' },
    });
    expect(response.status).toBe(201);
  });

  it.each([
    ['wrong secret', signed('2026-11-28T10:00:00Z', DEMO_ACCOUNT, 'other'), 'Unauthenticated.'],
    ['unknown key', { ...signed('2026-11-28T10:00:00Z'), 'API-Key': 'nope' }, 'Unauthenticated.'],
    ['missing token', { ...signed('2026-11-28T10:00:00Z'), 'API-Token': '' }, 'Unauthenticated.'],
    ['stale timestamp', signed('2026-11-28T09:54:59Z'), 'API-Timestamp is outside the allowed window.'],
    ['future timestamp', signed('2026-11-28T10:05:01Z'), 'API-Timestamp is outside the allowed window.'],
    ['Unix seconds', signed('1795860000'), 'API-Timestamp is outside the allowed window.'],
    ['local time', signed('2026-11-28T11:00:00+01:00'), 'API-Timestamp is outside the allowed window.'],
  ])('refuses %s with 401', async (_name, headers, message) => {
    const sandbox = sandboxAt();
    const response = await create(sandbox, {}, headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message });
    expect(sandbox.store.sessions.size).toBe(0);
  });
});

describe('sandbox sessions', () => {
  it('answers 201 like the documented example and keeps the session', async () => {
    const sandbox = sandboxAt();
    const response = await create(sandbox, {
      session: { theme: 'LITE', redirect_url: 'https://dealer.example/thanks', language: 'fr', client_id: 'LEAD-123' },
      vehicle: { vin: '1HGCM82633A004352' },
      sms: { to: '+16474551234', to_name: 'Jane Smith', from: '+16474220000', by: 'Main Street Motors' },
    });
    expect(response.status).toBe(201);
    const session = (await response.json()) as Record<string, unknown>;
    expect(session).toMatchObject({
      session_key: expect.stringMatching(/^DMO-[A-Z0-9]{10}$/),
      theme: 'LITE',
      active: true,
      status: 'IDLE',
      redirect_url: 'https://dealer.example/thanks',
      inspect_started_at: null,
      created_at: '2026-11-28T10:00:00.000000Z',
      language: 'FR',
      capture_url: `https://demo.vehiclecapture.com/${session.session_key}`,
      options: { client_id: 'LEAD-123', sms: { to: '+16474551234', to_name: 'Jane Smith', from: '+16474220000', by: 'Main Street Motors' } },
      vehicle: { vin: '1HGCM82633A004352' },
    });
    expect(session).not.toHaveProperty('owner');
    expect(sandbox.store.outbox).toEqual([expect.objectContaining({ to: '+16474551234', session_key: session.session_key })]);

    const read = await sandbox.app.request(`/v1/sessions/${session.session_key}`, { headers: signed('2026-11-28T10:00:00Z') });
    expect(await read.json()).toEqual(session);
  });

  it('validates bodies the way PAVE reports it', async () => {
    const sandbox = sandboxAt();
    const response = await create(sandbox, { sms: { to_name: 'Jane' }, vehicle: { vin: 'SHORT' }, extra: true });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'The given data was invalid.',
      errors: {
        extra: ['The extra field is not allowed.'],
        'vehicle.vin': ['The vehicle.vin must be 17 characters.'],
        'sms.to': ['The sms.to field is required.'],
      },
    });
    expect(sandbox.store.outbox).toEqual([]);
  });

  it('accepts PAVE’s older 647-455-1234 numbers too', async () => {
    expect((await create(sandboxAt(), { sms: { to: '647-455-1234' } })).status).toBe(201);
  });

  it('hides sessions from other accounts and unknown keys', async () => {
    const other = { username: 'other', apiKey: 'other_key', apiSecret: 'other_secret' };
    const sandbox = createSandbox({ accounts: [DEMO_ACCOUNT, other], now: () => NOW });
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const asOther = await sandbox.app.request(`/v1/sessions/${session_key}`, { headers: signed('2026-11-28T10:00:00Z', other) });
    expect(asOther.status).toBe(404);
    expect(await asOther.json()).toEqual({ message: 'Session KEY cannot be found.' });
  });

  it('walks the lifecycle from the stand-in capture page', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    expect((await sandbox.app.request(`/capture/${session_key}`)).status).toBe(200);
    expect(sandbox.store.sessions.get(session_key)?.status).toBe('STARTED');
    await sandbox.app.request(`/capture/${session_key}/next`, { method: 'POST' });
    expect(sandbox.store.sessions.get(session_key)?.status).toBe('PROCESS');
  });
});

describe('sandbox faults', () => {
  it('answers 500 and garbage on demand, then recovers', async () => {
    const sandbox = sandboxAt();
    sandbox.faults.set('error', { times: 1 });
    expect((await create(sandbox, {})).status).toBe(500);
    sandbox.faults.set('garbage', { times: 1 });
    const garbage = await create(sandbox, {});
    expect(garbage.status).toBe(200);
    await expect(garbage.clone().json()).rejects.toThrow();
    expect((await create(sandbox, {})).status).toBe(201);
  });

  it('is controlled over HTTP too', async () => {
    const sandbox = sandboxAt();
    expect((await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ mode: 'nope' }) })).status).toBe(400);
    await sandbox.app.request('/_sandbox/faults', { method: 'POST', body: JSON.stringify({ mode: 'error', times: 1 }) });
    expect((await create(sandbox, {})).status).toBe(500);
    expect(((await (await sandbox.app.request('/_sandbox/requests')).json()) as { requests: unknown[] }).requests).toHaveLength(1);
  });
});

describe('sandbox lifecycle control', () => {
  it('moves a session to any documented status over HTTP, stamping the times', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const move = (status: string) => sandbox.app.request(`/_sandbox/sessions/${session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    expect(await (await move('STARTED')).json()).toMatchObject({ status: 'STARTED', active: true, inspect_started_at: '2026-11-28T10:00:00.000000Z' });
    expect(await (await move('COMPLETE')).json()).toMatchObject({ status: 'COMPLETE', active: false, inspect_ended_at: '2026-11-28T10:00:00.000000Z' });
    expect((await move('DONE')).status).toBe(400);
    expect((await sandbox.app.request('/_sandbox/sessions/DMO-NOPE000000/status', { method: 'POST', body: '{"status":"IDLE"}' })).status).toBe(404);
    const read = await sandbox.app.request(`/_sandbox/sessions/${session_key}`);
    expect(await read.json()).toMatchObject({ session_key, status: 'COMPLETE', resends: 0 });
  });
});

describe('sandbox v2 resend', () => {
  const resend = (sandbox: ReturnType<typeof createSandbox>, key: string, body?: unknown, headers: Record<string, string> = { 'API-Access-Token': DEMO_ACCOUNT.apiKey }) =>
    sandbox.app.request(`/v2/capture/sessions/${key}/resend`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const texted = async (sandbox: ReturnType<typeof createSandbox>) =>
    ((await (await create(sandbox, { sms: { to: '+16474551234', to_name: 'Jane', by: 'Main Street Motors' } })).json()) as { session_key: string }).session_key;

  it('texts the link once more, to the same number, with API-Access-Token alone', async () => {
    const sandbox = sandboxAt();
    const key = await texted(sandbox);
    const response = await resend(sandbox, key);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ message: 'SMS has been resent.', session_key: key, phone: '+16474551234' });
    expect(sandbox.store.outbox.map((message) => [message.kind, message.to, message.to_name, message.by])).toEqual([
      ['create', '+16474551234', 'Jane', 'Main Street Motors'],
      ['resend', '+16474551234', 'Jane', 'Main Street Motors'],
    ]);
    expect(sandbox.store.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v2/capture/sessions/${key}/resend`, status: 200 });
  });

  it('texts a new number when given, and keeps it on the session', async () => {
    const sandbox = sandboxAt();
    const key = await texted(sandbox);
    expect((await resend(sandbox, key, { phone: '+12025550143' })).status).toBe(200);
    expect(sandbox.store.outbox.at(-1)).toMatchObject({ kind: 'resend', to: '+12025550143', to_name: 'Jane' });
    const read = await sandbox.app.request(`/v1/sessions/${key}`, { headers: signed('2026-11-28T10:00:00Z') });
    expect(((await read.json()) as { options: { sms: { to: string } } }).options.sms.to).toBe('+12025550143');
  });

  it.each([
    ['once only', async (sandbox: ReturnType<typeof createSandbox>, key: string) => void (await resend(sandbox, key)), 'The SMS of this session has already been resent.'],
    ['not at QC_PASSED', async (sandbox: ReturnType<typeof createSandbox>, key: string) => void sandbox.store.sessions.set(key, { ...sandbox.store.sessions.get(key)!, status: 'QC_PASSED' }), 'The SMS cannot be resent once the inspection has passed quality checks.'],
    ['not when EXPIRED', async (sandbox: ReturnType<typeof createSandbox>, key: string) => void sandbox.store.sessions.set(key, { ...sandbox.store.sessions.get(key)!, status: 'EXPIRED' }), 'The SMS cannot be resent once the inspection has passed quality checks.'],
  ])('refuses: %s', async (_name, setUp, message) => {
    const sandbox = sandboxAt();
    const key = await texted(sandbox);
    await setUp(sandbox, key);
    const before = sandbox.store.outbox.length;
    const response = await resend(sandbox, key);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message });
    expect(sandbox.store.outbox).toHaveLength(before);
  });

  it('refuses after seven days from creation', async () => {
    let now = NOW;
    const sandbox = createSandbox({ now: () => now });
    const [onTime, late] = [await texted(sandbox), await texted(sandbox)];
    const week = 7 * 24 * 60 * 60 * 1000;
    now = new Date(NOW.getTime() + week);
    expect((await resend(sandbox, onTime)).status).toBe(200); // exactly seven days: still within
    now = new Date(NOW.getTime() + week + 1);
    const refused = await resend(sandbox, late);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ message: 'The SMS can only be resent within 7 days of the session’s creation.' });
  });

  it('refuses a session that was never texted unless a number is given, and a malformed number', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    expect(await (await resend(sandbox, session_key)).json()).toEqual({ message: 'This session has no SMS recipient: send a phone number.' });
    const bad = await resend(sandbox, session_key, { phone: '647-455-1234' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: 'The given data was invalid.', errors: { phone: ['The phone must be a valid phone number in E.164 format.'] } });
    expect((await resend(sandbox, session_key, { phone: '+16474551234' })).status).toBe(200);
  });

  it('authenticates with the account’s API key and hides other accounts’ sessions', async () => {
    const other = { username: 'other', apiKey: 'other_key', apiSecret: 'other_secret' };
    const sandbox = createSandbox({ accounts: [DEMO_ACCOUNT, other], now: () => NOW });
    const key = await texted(sandbox);
    for (const headers of [{}, { 'API-Access-Token': 'nope' }, signed('2026-11-28T10:00:00Z')]) {
      const response = await resend(sandbox, key, undefined, headers as Record<string, string>);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthenticated.' });
    }
    const asOther = await resend(sandbox, key, undefined, { 'API-Access-Token': other.apiKey });
    expect(asOther.status).toBe(404);
    expect(await asOther.json()).toEqual({ message: 'Session KEY cannot be found.' });
    expect(sandbox.store.outbox).toHaveLength(1);
  });

  it('misbehaves on demand like v1', async () => {
    const sandbox = sandboxAt();
    const key = await texted(sandbox);
    sandbox.faults.set('error', { times: 1 });
    expect((await resend(sandbox, key)).status).toBe(500);
    expect(sandbox.store.outbox).toHaveLength(1);
  });
});
