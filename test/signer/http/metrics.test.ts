/**
 * What the app counts, through a recording `Metrics` passed to `createApp`: sessions and texts per site,
 * refusals per code, PAVE calls with their route, outcome and how many are in flight — and `/metrics`,
 * which answers only with METRICS_TOKEN set and its bearer token given.
 */
import { describe, expect, it } from 'vitest';
import type { Metrics, PaveCallOutcome, PaveCallRoute } from '../../../signer/http/metrics.ts';
import { createStack, ORIGIN } from '../../fixtures/stack.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';

function recordingMetrics() {
  const counted: string[] = [];
  const calls: { route: PaveCallRoute; outcome?: PaveCallOutcome; seconds?: number }[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const metrics: Metrics = {
    sessionCreated: (site, delivery) => void counted.push(`session ${site} ${delivery}`),
    textSent: (site, kind) => void counted.push(`text ${site} ${kind}`),
    refused: (code) => void counted.push(`refused ${code}`),
    paveCallStarted(route) {
      const call: (typeof calls)[number] = { route };
      calls.push(call);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      return (outcome, seconds) => {
        inFlight -= 1;
        Object.assign(call, { outcome, seconds });
      };
    },
    render: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: `# counted ${counted.length}\n` }),
  };
  return { metrics, counted, calls, inFlight: () => inFlight, mostInFlight: () => mostInFlight };
}

const json = (response: Response) => response.json() as Promise<any>;

describe('what a request counts for', () => {
  it('counts sessions and texts per site, never a replayed answer, and each resend', async () => {
    const recorder = recordingMetrics();
    const stack = createStack({}, {}, { metrics: recorder.metrics });
    expect((await stack.post({ delivery: 'link' })).status).toBe(201);
    const texted = await json(await stack.post({ delivery: 'sms', phone: '2025550143' }, { 'Idempotency-Key': 'one' }));
    expect((await stack.post({ delivery: 'sms', phone: '2025550143' }, { 'Idempotency-Key': 'one' })).headers.get('Idempotent-Replayed')).toBe('true');
    expect((await stack.resend(texted.session_key, texted.ticket)).status).toBe(200);
    expect(recorder.counted).toEqual(['session default link', 'session default sms', 'text default create', 'text default resend']);
  });

  it('counts every error answer by its code', async () => {
    const recorder = recordingMetrics();
    const stack = createStack({}, {}, { metrics: recorder.metrics });
    await stack.post({ delivery: 'link' }, { Origin: 'https://evil.example' });
    await stack.post('{');
    await stack.post({ delivery: 'sms' });
    await stack.status('DMO-NOSUCHSESSION', 'not-a-ticket');
    await stack.app.request('/nowhere');
    expect(recorder.counted).toEqual(['refused origin_not_allowed', 'refused invalid_json', 'refused invalid_request', 'refused unknown_session', 'refused not_found']);
  });

  it('times each PAVE call by the route it served and how it ended', async () => {
    const recorder = recordingMetrics();
    const stack = createStack({ PAVE_TIMEOUT_MS: '200' }, {}, { metrics: recorder.metrics });
    const session = await json(await stack.post({ delivery: 'sms', phone: '2025550143' }));
    // Status answers are reused for a second per session: each faulted read is of a session of its own.
    const failing = await json(await stack.post({ delivery: 'link' }));
    const hanging = await json(await stack.post({ delivery: 'link' }));
    await stack.status(session.session_key, session.ticket);
    await stack.resend(session.session_key, session.ticket);
    stack.sandbox.faults.set('error', { times: 1 });
    await stack.status(failing.session_key, failing.ticket);
    stack.sandbox.faults.set('hang', { times: 1 });
    await stack.status(hanging.session_key, hanging.ticket);
    expect(recorder.calls.map((call) => [call.route, call.outcome])).toEqual([
      ['create', 'ok'],
      ['create', 'ok'],
      ['create', 'ok'],
      ['status', 'ok'],
      ['resend', 'ok'], // the read of the first text's number
      ['resend', 'ok'],
      ['status', 'unavailable'],
      ['status', 'timeout'],
    ]);
    for (const call of recorder.calls) expect(call.seconds).toBeGreaterThanOrEqual(0);
    expect(recorder.calls.at(-1)!.seconds).toBeGreaterThanOrEqual(0.15);
    expect(recorder.inFlight()).toBe(0);
  });

  it('knows how many PAVE calls are in flight', async () => {
    const recorder = recordingMetrics();
    // The timeout only ends the hang; it is long enough that all three are seen in flight on a busy machine.
    const stack = createStack({ PAVE_TIMEOUT_MS: '2000', RATE_LIMIT_IP: '100' }, {}, { metrics: recorder.metrics });
    stack.sandbox.faults.set('hang', { times: 3 });
    const pending = [1, 2, 3].map((i) => stack.post({ delivery: 'link' }, { 'Idempotency-Key': `hang-${i}` }));
    await expect.poll(() => recorder.inFlight(), { timeout: 1900, interval: 10 }).toBe(3);
    expect((await Promise.all(pending)).map((response) => response.status)).toEqual([504, 504, 504]);
    expect(recorder.inFlight()).toBe(0);
    expect(recorder.mostInFlight()).toBe(3);
  });
});

describe('GET /metrics', () => {
  const scrape = (stack: ReturnType<typeof createStack>, headers: Record<string, string> = {}) => stack.app.request('/metrics', { headers });

  it('is not there without METRICS_TOKEN (404 not_found), even with metrics to show', async () => {
    const stack = createStack({}, {}, { metrics: recordingMetrics().metrics });
    const response = await scrape(stack, { Authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('not_found');
  });

  it('is not there on a runtime whose metrics have nothing to show', async () => {
    expect((await scrape(createStack({ METRICS_TOKEN: TOKEN }), { Authorization: `Bearer ${TOKEN}` })).status).toBe(404);
  });

  it.each([
    ['no Authorization', {}],
    ['a wrong token', { Authorization: `Bearer ${TOKEN}x` }],
    ['a prefix of the token', { Authorization: `Bearer ${TOKEN.slice(0, 16)}` }],
    ['another scheme', { Authorization: `Basic ${TOKEN}` }],
    ['the token alone', { Authorization: TOKEN }],
  ])('answers 401 unauthorized to %s, in the contract’s envelope', async (_name, headers) => {
    const stack = createStack({ METRICS_TOKEN: TOKEN }, {}, { metrics: recordingMetrics().metrics });
    const response = await scrape(stack, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="metrics"');
    expect(await json(response)).toEqual({ error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') } });
    expect(JSON.stringify(stack.logs)).not.toContain(TOKEN.slice(0, 16));
  });

  it('serves the exposition to its bearer token, never cached', async () => {
    const stack = createStack({ METRICS_TOKEN: TOKEN }, {}, { metrics: recordingMetrics().metrics });
    await stack.post({ delivery: 'link' });
    const response = await scrape(stack, { Authorization: `Bearer ${TOKEN}`, Origin: ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.text()).toBe('# counted 1\n');
  });
});
