/**
 * One structured line per request, with the fields support needs and nothing it must not hold.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../signer/app.ts';
import { batchedRequestLines, maskVin, type LogLine } from '../../../signer/http/request-log.ts';
import { baseEnv, createStack, ORIGIN } from '../../fixtures/stack.ts';

describe('request log', () => {
  it('writes one line per request with id, site, route, status and PAVE’s latency', async () => {
    const stack = createStack();
    const created = await stack.post({ delivery: 'sms', phone: '(202) 555-0143', vin: '1HGCM82633A004352', name: 'Jane Smith', metadata: { lead: 'L-1' } });
    const { session_key, ticket } = await created.json();
    await stack.status(session_key, ticket);
    await stack.app.request('/healthz');

    expect(stack.logs).toHaveLength(3);
    const [create, status, health] = stack.logs as [LogLine, LogLine, LogLine];
    expect(create).toEqual({
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      level: 'info',
      msg: 'request',
      request_id: created.headers.get('X-Request-Id'),
      method: 'POST',
      route: '/v1/sessions',
      status: 201,
      duration_ms: expect.any(Number),
      site: 'default',
      delivery: 'sms',
      phone: '+1 ••• ••• 0143',
      vin: '1HG**********4352',
      idempotency: 'fingerprint',
      replayed: false,
      session_key,
      upstream_ms: expect.any(Number),
      upstream_calls: 1,
      upstream_status: 201,
    });
    expect(status).toMatchObject({ route: '/v1/sessions/:key/status', status: 200, site: 'default', session_key, upstream_calls: 1, upstream_status: 200 });
    expect(health).toMatchObject({ route: '/healthz', status: 200 });
    expect(health).not.toHaveProperty('site');
    expect(new Set(stack.logs.map((line) => line.request_id)).size).toBe(3);
  });

  it('never holds a full phone number, a VIN, a name, metadata, a ticket or a secret', async () => {
    const stack = createStack();
    const { session_key, ticket } = await (await stack.post({ delivery: 'sms', phone: '2025550143', vin: '1HGCM82633A004352', name: 'Jane Smith', metadata: { lead: 'LEAD-SECRET-7' } })).json();
    await stack.resend(session_key, ticket, { phone: '6474551234' });
    const text = JSON.stringify(stack.logs);
    for (const forbidden of ['2025550143', '6474551234', '1HGCM82633A004352', 'Jane', 'LEAD-SECRET-7', ticket, baseEnv.PAVE_API_SECRET!, baseEnv.PAVE_API_KEY!]) {
      expect(text).not.toContain(forbidden);
    }
    // Two PAVE calls: the session read (was it texted to this number?), then the resend.
    expect(stack.logs.at(-1)).toMatchObject({ route: '/v1/sessions/:key/resend', phone: '+1 ••• ••• 1234', upstream_calls: 2 });
  });

  it('levels and codes errors, and logs refusals that never reach a route', async () => {
    const stack = createStack({ PAVE_TIMEOUT_MS: '100' });
    await stack.post({ delivery: 'link' }, { Origin: 'https://evil.example' });
    await stack.post({ delivery: 'sms' });
    stack.sandbox.faults.set('hang', { times: 1 });
    await stack.post({ delivery: 'link' });
    expect(stack.logs.map((line) => [line.level, line.status, line.error, line.upstream_status])).toEqual([
      ['warn', 403, 'origin_not_allowed', undefined],
      ['warn', 400, 'invalid_request', undefined],
      ['error', 504, 'upstream_timeout', 'timeout'],
    ]);
    expect(stack.logs[0]?.route).toBe('/v1/sessions');
  });

  it('keeps a well-formed X-Request-Id from a proxy and replaces anything else', async () => {
    const stack = createStack();
    const kept = await stack.app.request('/healthz', { headers: { 'X-Request-Id': 'edge-1234-abcd' } });
    const replaced = await stack.app.request('/healthz', { headers: { 'X-Request-Id': 'bad id {"level":"info"}' } });
    expect(kept.headers.get('X-Request-Id')).toBe('edge-1234-abcd');
    expect(replaced.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(stack.logs.map((line) => line.request_id)).toEqual(['edge-1234-abcd', replaced.headers.get('X-Request-Id')]);
  });

  it('writes JSON to stdout by default, and a broken sink never breaks an answer', async () => {
    const stack = createStack();
    const printed: string[] = [];
    const original = console.log;
    console.log = (line: string) => void printed.push(line);
    try {
      await createApp({ config: stack.config }).request('/healthz');
    } finally {
      console.log = original;
    }
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0]!)).toMatchObject({ msg: 'request', route: '/healthz', status: 200 });

    const broken = createApp({ config: stack.config, log: () => { throw new Error('disk full'); } });
    const response = await broken.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: ORIGIN } });
    expect(response.status).toBe(204);
  });
});

describe('maskVin', () => {
  it.each([
    ['1HGCM82633A004352', '1HG**********4352'],
    ['SHORT', '*****'],
  ])('%s → %s', (vin, masked) => {
    expect(maskVin(vin)).toBe(masked);
  });
});

describe('batchedRequestLines', () => {
  it('queues each request line as one JSON line for the batch to write', async () => {
    const queued: string[] = [];
    const app = createApp({
      config: createStack().config,
      log: batchedRequestLines({ push: (line) => void queued.push(line), flush: () => {} }),
    });
    await app.request('/healthz');
    await app.request('/nowhere');
    expect(queued.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'request', route: '/healthz', status: 200 }),
      expect.objectContaining({ msg: 'request', status: 404, error: 'not_found' }),
    ]);
  });
});
