/**
 * GET /v1/sessions/:key/status over HTTP against the in-process sandbox: ownership by ticket, only
 * {status, updated_at} out, every PAVE outcome mapped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../signer/app.ts';
import { createStack, ORIGIN } from '../../fixtures/stack.ts';

let stack: ReturnType<typeof createStack>;
let session: { session_key: string; ticket: string };
beforeEach(async () => {
  stack = createStack({}, { now: () => new Date() });
  session = await (await stack.post({ delivery: 'sms', phone: '2025550143', vin: '1HGCM82633A004352' })).json();
  stack.sandbox.store.requests.length = 0;
});

const json = (response: Response) => response.json() as Promise<any>;

describe('GET /v1/sessions/:key/status', () => {
  it('answers only {status, updated_at}, never cached', async () => {
    const response = await stack.status(session.session_key, session.ticket);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(await json(response)).toEqual({ status: 'IDLE', updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(stack.paveCalls()).toEqual([expect.objectContaining({ method: 'GET', path: `/v1/sessions/${session.session_key}`, status: 200 })]);
  });

  it('lets an allowed page ask with its ticket (CORS preflight), and no other', async () => {
    const preflight = (origin: string) =>
      stack.app.request(`/v1/sessions/${session.session_key}/status`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(allowed.headers.get('Access-Control-Allow-Methods')).toContain('GET');
    expect(allowed.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');
    // A foreign page's preflight passes (so it can read the 403 of its request), naming no origin.
    const foreign = await preflight('https://evil.example');
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(stack.logs.map((line) => [line.route, line.status])).toEqual([
      ['/v1/sessions', 201],
      ['preflight', 204],
      ['preflight', 204],
    ]);
  });

  it('answers a same-origin read, which browsers send without Origin, still only with the ticket', async () => {
    const read = (headers: Record<string, string>, method = 'GET') =>
      stack.app.request(`/v1/sessions/${session.session_key}/status`, { method, headers: { Authorization: `Bearer ${session.ticket}`, ...headers } });
    const sameOrigin = await read({ 'Sec-Fetch-Site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(sameOrigin.headers.get('Vary')).toContain('Origin');
    expect((await json(sameOrigin)).status).toBe('IDLE');
    // Not without its ticket, not from another site or an unmarked client, and never a write.
    expect((await stack.app.request(`/v1/sessions/${session.session_key}/status`, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(404);
    expect((await read({ 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await read({})).status).toBe(403);
    expect((await read({ 'Sec-Fetch-Site': 'same-origin' }, 'POST')).status).toBe(403);
    const resend = await stack.app.request(`/v1/sessions/${session.session_key}/resend`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${session.ticket}`, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(resend.status).toBe(403);
  });

  it('follows the session through its lifecycle', async () => {
    const seen: string[] = [];
    for (const status of ['STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID']) {
      await stack.sandbox.app.request(`/_sandbox/sessions/${session.session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
      seen.push((await json(await stack.status(session.session_key, session.ticket))).status);
    }
    expect(seen).toEqual(['STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID']);
  });

  it('turns PAVE’s timestamp into ISO 8601 UTC', async () => {
    stack.sandbox.store.sessions.get(session.session_key)!.updated_at = '2026-11-28T10:00:00.123456Z';
    expect((await json(await stack.status(session.session_key, session.ticket))).updated_at).toBe('2026-11-28T10:00:00.123Z');
  });

  it.each([
    ['no ticket', () => undefined],
    ['a wrong ticket', () => 'A'.repeat(43)],
    ['a malformed ticket', () => 'not a ticket!'],
    ['another session’s ticket', () => 'other'],
  ])('looks exactly like an unknown session with %s, and asks PAVE nothing', async (_name, ticketOf) => {
    let ticket = ticketOf();
    if (ticket === 'other') ticket = (await (await stack.post({ delivery: 'link' })).json()).ticket as string;
    stack.sandbox.store.requests.length = 0;
    const response = await stack.status(session.session_key, ticket);
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ error: { code: 'unknown_session', message: expect.any(String) } });
    expect(stack.paveCalls()).toEqual([]);
  });

  it('refuses a key that is no PAVE key, and a foreign origin', async () => {
    expect((await stack.status('not-a-key', session.ticket)).status).toBe(404);
    const foreign = await stack.status(session.session_key, session.ticket, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect((await json(foreign)).error.code).toBe('origin_not_allowed');
    expect(stack.paveCalls()).toEqual([]);
  });

  it('answers unknown_session when PAVE no longer knows the session', async () => {
    stack.sandbox.store.sessions.delete(session.session_key);
    const response = await stack.status(session.session_key, session.ticket);
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('unknown_session');
  });

  it.each([
    ['error', 502, 'upstream_error'],
    ['garbage', 502, 'upstream_error'],
    ['reset', 502, 'upstream_error'],
  ] as const)('maps a sandbox %s to %i %s', async (mode, status, code) => {
    stack.sandbox.faults.set(mode, { times: 1 });
    const response = await stack.status(session.session_key, session.ticket);
    expect(response.status).toBe(status);
    expect((await json(response)).error.code).toBe(code);
  });

  it('maps a status PAVE never documented to upstream_error, and a timeout to 504', async () => {
    const odd = createApp({ config: stack.config, fetch: async () => Response.json({ session_key: session.session_key, status: 'DANCING' }), log: () => {} });
    const headers = { Origin: ORIGIN, Authorization: `Bearer ${session.ticket}` };
    const response = await odd.request(`/v1/sessions/${session.session_key}/status`, { headers });
    expect(response.status).toBe(502);
    expect((await json(response)).error.code).toBe('upstream_error');

    const slow = createStack({ PAVE_TIMEOUT_MS: '100' });
    const created = await (await slow.post({ delivery: 'link' })).json();
    slow.sandbox.faults.set('hang', { times: 1 });
    const timeout = await slow.status(created.session_key, created.ticket);
    expect(timeout.status).toBe(504);
    expect((await json(timeout)).error.code).toBe('upstream_timeout');
  });
});
