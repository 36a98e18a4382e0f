/**
 * PAVE's v1 authentication as the sandbox checks it (middleware/auth.ts with verify.ts): tokens made here
 * with node:crypto, and the known-answer vector of docs/pave-api.md.
 */
import { describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT } from '../../../../demo/sandbox/app.ts';
import { create, sandboxAt, signed } from '../fixtures.ts';

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

  it('guards the read route too', async () => {
    const sandbox = sandboxAt();
    const { session_key } = (await (await create(sandbox, {})).json()) as { session_key: string };
    const response = await sandbox.app.request(`/v1/sessions/${session_key}`, { headers: signed('2026-11-28T10:00:00Z', DEMO_ACCOUNT, 'other') });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthenticated.' });
  });
});
