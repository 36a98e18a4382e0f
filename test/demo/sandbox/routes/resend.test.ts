/**
 * PAVE's v2 resend as the sandbox emulates it (routes/resend.ts, with the rules of rules.ts).
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT } from '../../../../demo/sandbox/app.ts';
import { create, NOW, sandboxAt, signed, type Sandbox } from '../fixtures.ts';

describe('sandbox v2 resend', () => {
  const resend = (sandbox: Sandbox, key: string, body?: unknown, headers: Record<string, string> = { 'API-Access-Token': DEMO_ACCOUNT.apiKey }) =>
    sandbox.app.request(`/v2/capture/sessions/${key}/resend`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const texted = async (sandbox: Sandbox) =>
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
    ['once only', async (sandbox: Sandbox, key: string) => void (await resend(sandbox, key)), 'The SMS of this session has already been resent.'],
    ['not at QC_PASSED', async (sandbox: Sandbox, key: string) => void sandbox.store.sessions.set(key, { ...sandbox.store.sessions.get(key)!, status: 'QC_PASSED' }), 'The SMS cannot be resent once the inspection has passed quality checks.'],
    ['not when EXPIRED', async (sandbox: Sandbox, key: string) => void sandbox.store.sessions.set(key, { ...sandbox.store.sessions.get(key)!, status: 'EXPIRED' }), 'The SMS cannot be resent once the inspection has passed quality checks.'],
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

  it('refuses a body that is not JSON, and an unknown session before reading it', async () => {
    const sandbox = sandboxAt();
    const key = await texted(sandbox);
    const response = await sandbox.app.request(`/v2/capture/sessions/${key}/resend`, { method: 'POST', headers: { 'API-Access-Token': DEMO_ACCOUNT.apiKey }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The given data was invalid.', errors: { body: ['The body must be JSON.'] } });
    const unknown = await sandbox.app.request('/v2/capture/sessions/DMO-NOPE000000/resend', { method: 'POST', headers: { 'API-Access-Token': DEMO_ACCOUNT.apiKey }, body: '{nope' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Session KEY cannot be found.' });
    expect(sandbox.store.outbox).toHaveLength(1);
  });
});
