/**
 * The recorder in front of PAVE's routes (middleware/record.ts): what reached "PAVE", with the status it got.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../../demo/sandbox/app.ts';
import { create, sandboxAt, signed } from '../fixtures.ts';

describe('sandbox request log', () => {
  it('records every PAVE call, refused or not, with its body; never the sandbox’s own routes', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, { sms: { to: '+16474551234' } })).json()) as { session_key: string };
    await create(sandbox, {}, signed('2026-11-28T10:00:00Z', DEMO_ACCOUNT, 'other'));
    await sandbox.app.request('/v1/sessions', { method: 'POST', headers: signed('2026-11-28T10:00:00Z'), body: 'not json' });
    await sandbox.app.request(`/v1/sessions/${session_key}`, { headers: signed('2026-11-28T10:00:00Z') });
    await sandbox.app.request(`/v2/capture/sessions/${session_key}/resend`, { method: 'POST' });
    await sandbox.app.request(`/capture/${session_key}`);
    await sandbox.app.request('/_sandbox/outbox');
    expect(sandbox.store.requests).toEqual([
      { method: 'POST', path: '/v1/sessions', status: 201, body: { sms: { to: '+16474551234' } }, at: '2026-11-28T10:00:00.000Z' },
      { method: 'POST', path: '/v1/sessions', status: 401, body: {}, at: '2026-11-28T10:00:00.000Z' },
      { method: 'POST', path: '/v1/sessions', status: 400, body: undefined, at: '2026-11-28T10:00:00.000Z' },
      { method: 'GET', path: `/v1/sessions/${session_key}`, status: 200, body: undefined, at: '2026-11-28T10:00:00.000Z' },
      { method: 'POST', path: `/v2/capture/sessions/${session_key}/resend`, status: 401, body: undefined, at: '2026-11-28T10:00:00.000Z' },
    ]);
  });
});
