/**
 * GET /v1/sessions/:key/status over HTTP against the in-process sandbox: ownership by ticket, only
 * {status, updated_at} out, every PAVE outcome mapped; and what bounds it before PAVE: the caller's and
 * the session's ceilings, the one-second answer cache, the cap on PAVE calls in flight.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../signer/app.ts';
import { createDefendedStack, fakeClock } from '../../fixtures/defended-stack.ts';
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
  it('answers only {status, updated_at}, never cached by the browser', async () => {
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

  it('follows the session through its lifecycle, a second at a time', async () => {
    const clock = fakeClock();
    const timed = createStack({}, { now: clock.now }, { now: clock.now });
    const created = await json(await timed.post({ delivery: 'sms', phone: '2025550143' }));
    const seen: string[] = [];
    for (const status of ['STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID']) {
      await timed.sandbox.app.request(`/_sandbox/sessions/${created.session_key}/status`, { method: 'POST', body: JSON.stringify({ status }) });
      clock.advance(1000); // the answer PAVE gave is reused for a second
      seen.push((await json(await timed.status(created.session_key, created.ticket))).status);
    }
    expect(seen).toEqual(['STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID']);
  });

  it('turns PAVE’s timestamp into ISO 8601 UTC', async () => {
    // Read before anything asked about this session: nothing is in the one-second cache yet.
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

    // A budget a busy machine's create still fits in; the hang then outlasts it.
    const slow = createStack({ PAVE_TIMEOUT_MS: '1000' });
    const created = await (await slow.post({ delivery: 'link' })).json();
    expect(created.session_key).toEqual(expect.any(String));
    slow.sandbox.faults.set('hang', { times: 1 });
    const timeout = await slow.status(created.session_key, created.ticket);
    expect(timeout.status).toBe(504);
    expect((await json(timeout)).error.code).toBe('upstream_timeout');
  }, 15_000);
});

describe('GET /v1/sessions/:key/status — bounded before PAVE', () => {
  const reads = (stack: { paveCalls: () => { method: string }[] }) => stack.paveCalls().filter((call) => call.method === 'GET').length;

  async function defended(env: Record<string, string> = {}) {
    const stack = createDefendedStack({ env });
    const created = await json(await stack.post({ delivery: 'sms', phone: '2025550143' }));
    return { stack, created: created as { session_key: string; ticket: string } };
  }

  it('100 calls for one session within 2 s from one IP reach PAVE at most 10 times, each answered 200 (cached) or 429', async () => {
    const { stack, created } = await defended();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await stack.status(created.session_key, created.ticket);
      statuses.push(response.status);
      if (response.status === 200) expect((await json(response)).status).toBe('IDLE');
      stack.clock.advance(20);
    }
    expect(reads(stack)).toBeGreaterThanOrEqual(1);
    expect(reads(stack)).toBeLessThanOrEqual(10);
    expect(new Set(statuses)).toEqual(new Set([200, 429]));
    // The session's ceiling (60 a minute) answered the rest.
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
  });

  it('a burst of concurrent calls for one session costs one PAVE read', async () => {
    const { stack, created } = await defended({ RATE_LIMIT_STATUS_SESSION: '1000', RATE_LIMIT_FOLLOW_UP_IP: '1000' });
    stack.sandbox.faults.set('slow', { delayMs: 100, times: 1 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => stack.status(created.session_key, created.ticket)));
    expect(responses.map((response) => response.status)).toEqual(new Array(50).fill(200));
    expect(reads(stack)).toBe(1);
    // A second later the next call reads PAVE again and sees the change.
    await stack.sandbox.app.request(`/_sandbox/sessions/${created.session_key}/status`, { method: 'POST', body: JSON.stringify({ status: 'STARTED' }) });
    expect((await json(await stack.status(created.session_key, created.ticket))).status).toBe('IDLE');
    stack.clock.advance(1000);
    expect((await json(await stack.status(created.session_key, created.ticket))).status).toBe('STARTED');
    expect(reads(stack)).toBe(2);
  });

  it('holds the caller to RATE_LIMIT_FOLLOW_UP_IP a minute, before the ticket is even checked', async () => {
    const { stack, created } = await defended({ RATE_LIMIT_FOLLOW_UP_IP: '3' });
    expect((await stack.status(created.session_key, 'A'.repeat(43))).status).toBe(404);
    expect((await stack.status(created.session_key, created.ticket)).status).toBe(200);
    expect((await stack.resend(created.session_key, created.ticket)).status).toBe(200);
    const refused = await stack.status(created.session_key, created.ticket);
    expect([refused.status, refused.headers.get('Retry-After')]).toEqual([429, '60']);
    expect((await json(refused)).error).toEqual({ code: 'rate_limited', message: expect.stringMatching(/network/) });
    const readsBefore = reads(stack);
    expect((await stack.status(created.session_key, 'A'.repeat(43))).status).toBe(429);
    expect(reads(stack)).toBe(readsBefore);
    // Another caller is not affected; a minute later this one is let in again.
    expect((await stack.status(created.session_key, created.ticket, {}, '192.0.2.77')).status).toBe(200);
    stack.clock.advance(60_000);
    expect((await stack.status(created.session_key, created.ticket)).status).toBe(200);
  });

  it('holds one session to RATE_LIMIT_STATUS_SESSION calls a minute, whoever asks', async () => {
    const { stack, created } = await defended({ RATE_LIMIT_STATUS_SESSION: '2' });
    expect((await stack.status(created.session_key, created.ticket, {}, '192.0.2.1')).status).toBe(200);
    expect((await stack.status(created.session_key, created.ticket, {}, '192.0.2.2')).status).toBe(200);
    const refused = await stack.status(created.session_key, created.ticket, {}, '192.0.2.3');
    expect(refused.status).toBe(429);
    expect((await json(refused)).error.message).toMatch(/inspection/);
    // Another session is not affected.
    const other = await json(await stack.post({ delivery: 'link' }, {}, '192.0.2.9'));
    expect((await stack.status(other.session_key, other.ticket, {}, '192.0.2.3')).status).toBe(200);
  });

  it('answers 503 busy with Retry-After when the site’s PAVE calls in flight are at PAVE_MAX_CONCURRENCY, and recovers', async () => {
    const { stack, created } = await defended({ PAVE_MAX_CONCURRENCY: '1', RATE_LIMIT_STATUS_SESSION: '1000', RATE_LIMIT_FOLLOW_UP_IP: '1000' });
    const other = await json(await stack.post({ delivery: 'link' }, {}, '192.0.2.9'));
    stack.sandbox.faults.set('slow', { delayMs: 1500, times: 1 });
    const slow = stack.status(created.session_key, created.ticket);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let it reach PAVE first
    // As soon as the slow read holds the one slot, a read of another session is refused at once.
    let refused: Response | undefined;
    await vi.waitFor(async () => {
      refused = await stack.status(other.session_key, other.ticket);
      expect(refused.status).toBe(503);
    }, { timeout: 1000, interval: 10 });
    if (!refused) throw new Error('never refused');
    expect(refused.headers.get('Retry-After')).toBe('1');
    expect(refused.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    expect(await json(refused)).toEqual({ error: { code: 'busy', message: expect.stringMatching(/try again/) } });
    const create = await stack.post({ delivery: 'link' }, {}, '192.0.2.10');
    expect(create.status).toBe(503);
    expect((await slow).status).toBe(200);
    expect((await stack.status(other.session_key, other.ticket)).status).toBe(200);
    expect((await stack.post({ delivery: 'link' }, {}, '192.0.2.10')).status).toBe(201);
  });
});
