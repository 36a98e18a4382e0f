/**
 * PAVE's v1 sessions as the sandbox emulates them (routes/sessions.ts): create, read, validation, owners.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT } from '../../../../demo/sandbox/app.ts';
import { create, NOW, sandboxAt, signed } from '../fixtures.ts';

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

  it('refuses a body that is not JSON, and takes an empty one as {}', async () => {
    const sandbox = sandboxAt();
    const response = await sandbox.app.request('/v1/sessions', { method: 'POST', headers: signed('2026-11-28T10:00:00Z'), body: '{nope' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'The given data was invalid.', errors: { body: ['The body must be JSON.'] } });
    const empty = await sandbox.app.request('/v1/sessions', { method: 'POST', headers: signed('2026-11-28T10:00:00Z') });
    expect(empty.status).toBe(201);
    expect(await empty.json()).toMatchObject({ theme: 'PRO', language: 'EN', redirect_url: null, options: {}, vehicle: null });
  });

  it('texts the link on create, worded for the dealer', async () => {
    const sandbox = sandboxAt();
    const { session_key, capture_url } = (await (await create(sandbox, { sms: { to: '+16474551234', to_name: 'Jane', by: 'Main Street Motors' } })).json()) as { session_key: string; capture_url: string };
    await create(sandbox, { sms: { to: '+16474551234' } });
    expect(sandbox.store.outbox[0]).toEqual({
      kind: 'create',
      session_key,
      to: '+16474551234',
      to_name: 'Jane',
      from: null,
      by: 'Main Street Motors',
      body: `Main Street Motors: Hi Jane, start your vehicle inspection here: ${capture_url}`,
      sent_at: '2026-11-28T10:00:00.000000Z',
    });
    expect(sandbox.store.outbox[1]?.body).toMatch(/^PAVE: Start your vehicle inspection here: https:\/\/demo\.vehiclecapture\.com\/DMO-/);
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

  it('builds capture links on the base it is given', async () => {
    const sandbox = createSandbox({ now: () => NOW, captureBaseUrl: (account) => `http://capture.test/${account.username}` });
    const session = (await (await create(sandbox, {})).json()) as { session_key: string; capture_url: string };
    expect(session.capture_url).toBe(`http://capture.test/demo/${session.session_key}`);
  });
});
