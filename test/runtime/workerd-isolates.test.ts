/**
 * The defences hold across isolates, as Cloudflare runs the Worker (in many isolates, in many places):
 * two workerd services running the same bundle — two isolates — bound to one `SignerState` namespace.
 * Every burst is sent to both at once, so each ceiling and each Idempotency-Key is decided by the
 * shared object, never by one isolate's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerdStack, type WorkerdStack } from './workerd-stack.ts';

const ORIGIN = 'https://www.southside.example';
const BUSY_ORIGIN = 'https://www.busy.example';
const ISOLATES = ['a', 'b'] as const;

let stack: WorkerdStack;

beforeAll(async () => {
  const sites = {
    default_site: 'southside',
    sites: {
      southside: { pave_account: 'environment', ALLOWED_ORIGINS: [ORIGIN], RATE_LIMIT_IP: 3, RATE_LIMIT_PHONE: 2 },
      busy: { pave_account: 'environment', ALLOWED_ORIGINS: [BUSY_ORIGIN], RATE_LIMIT_IP: 100, RATE_LIMIT_SITE: 2 },
    },
  };
  const env = { PAVE_SMS_FROM: '+16475550100', SMS_COUNTRIES: 'US,CA' };
  stack = await startWorkerdStack(ISOLATES.map((name) => ({ name, sites, env })));
}, 60_000);

afterAll(() => stack?.stop());

interface Create {
  body: unknown;
  ip: string;
  key?: string;
  origin?: string;
}

/** POST /v1/sessions to one isolate, from `ip` (as Cloudflare reports it in CF-Connecting-IP). */
const create = (isolate: string, { body, ip, key, origin = ORIGIN }: Create) =>
  stack.call(isolate, '/v1/sessions', {
    method: 'POST',
    headers: { Origin: origin, 'Content-Type': 'application/json', 'CF-Connecting-IP': ip, ...(key ? { 'Idempotency-Key': key } : {}) },
    body: JSON.stringify(body),
  });

/** Sends every create at once, alternating between the two isolates. */
const burst = (creates: Create[]) => Promise.all(creates.map((one, index) => create(ISOLATES[index % 2]!, one)));

const errorCode = async (response: Response) => ((await response.clone().json()) as { error?: { code: string } }).error?.code;
const sessionKey = async (response: Response) => ((await response.clone().json()) as { session_key: string }).session_key;
const textsTo = (e164: string) => stack.sandbox.store.outbox.filter((message) => message.to === e164);
const paveCreates = () => stack.sandbox.store.requests.filter((request) => request.method === 'POST' && request.path === '/v1/sessions');

describe('two isolates sharing one SignerState namespace', () => {
  it('accept exactly RATE_LIMIT_IP=3 of 8 creates from one IP', async () => {
    const before = paveCreates().length;
    const responses = await burst(Array.from({ length: 8 }, (_, i) => ({ body: { delivery: 'link' }, ip: '198.51.100.7', key: `ip-burst-${i}` })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(await errorCode(refused)).toBe('rate_limited');
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    }
    expect(paveCreates().length - before).toBe(3);
    // The IP stays refused on both isolates, whichever one asks.
    for (const isolate of ISOLATES) expect((await create(isolate, { body: { delivery: 'link' }, ip: '198.51.100.7' })).status).toBe(429);
  });

  it('text one number exactly RATE_LIMIT_PHONE=2 times out of 5, from five addresses', async () => {
    const responses = await burst(Array.from({ length: 5 }, (_, i) => ({ body: { delivery: 'sms', phone: '(202) 555-0143' }, ip: `192.0.2.${10 + i}`, key: `phone-burst-${i}` })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/This number was sent several links/);
    }
    expect(textsTo('+12025550143')).toHaveLength(2);
  });

  it('hold the per-site ceiling (RATE_LIMIT_SITE=2 a minute) across isolates', async () => {
    const responses = await burst(Array.from({ length: 6 }, (_, i) => ({ body: { delivery: 'link' }, ip: `203.0.113.${20 + i}`, key: `site-burst-${i}`, origin: BUSY_ORIGIN })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 429, 429, 429, 429]);
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/dealer is receiving many requests/);
    }
  });

  it('make one session and one text of one Idempotency-Key sent to both isolates at once', async () => {
    const before = paveCreates().length;
    const same = { body: { delivery: 'sms', phone: '2025550177' }, key: 'double-click-1' };
    // Two tabs of one customer (one address) on each isolate. A replay answers only the client that made the
    // first request (docs/design.md, D15), so the four come from one address.
    const responses = await burst([0, 1, 2, 3].map(() => ({ ...same, ip: '192.0.2.50' })));
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(await Promise.all(responses.map(sessionKey))).size).toBe(1);
    expect(responses.filter((response) => response.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(3);
    expect(paveCreates().length - before).toBe(1);
    expect(textsTo('+12025550177')).toHaveLength(1);
  });

  it('make a repeat on the other isolate wait for the first answer while PAVE is still working on it', async () => {
    stack.sandbox.faults.set('slow', { delayMs: 1500, times: 1 });
    const before = paveCreates().length;
    const same = { body: { delivery: 'sms', phone: '2025550188' }, key: 'slow-submit-1', ip: '192.0.2.60' };
    let firstAnswered = false;
    const first = create('a', same).finally(() => (firstAnswered = true));
    // The repeat leaves once PAVE has handled the first request (its text is in the outbox) and is holding
    // its answer back. (The request log is written only once PAVE answers, so it cannot tell us that.)
    await expect.poll(() => textsTo('+12025550188').length, { timeout: 5000, interval: 20 }).toBe(1);
    expect(firstAnswered).toBe(false);
    const repeat = await create('b', same);
    const original = await first;
    expect([original.status, repeat.status]).toEqual([201, 201]);
    expect(repeat.headers.get('Idempotent-Replayed')).toBe('true');
    expect(original.headers.get('Idempotent-Replayed')).toBeNull();
    expect(await sessionKey(repeat)).toBe(await sessionKey(original));
    expect(paveCreates().length - before).toBe(1);
    expect(textsTo('+12025550188')).toHaveLength(1);
  });

  it('count a resend on one isolate against the number texted from the other', async () => {
    const created = await create('a', { body: { delivery: 'sms', phone: '2025550199' }, ip: '192.0.2.70', key: 'resend-1' });
    expect(created.status).toBe(201);
    const { session_key, ticket } = (await created.json()) as { session_key: string; ticket: string };
    const resend = await stack.call('b', `/v1/sessions/${session_key}/resend`, { method: 'POST', headers: { Origin: ORIGIN, Authorization: `Bearer ${ticket}`, 'CF-Connecting-IP': '192.0.2.71' } });
    expect(resend.status).toBe(200);
    // Two texts this hour (the create and the resend): the number's ceiling is reached on both isolates.
    for (const [index, isolate] of ISOLATES.entries()) {
      const third = await create(isolate, { body: { delivery: 'sms', phone: '2025550199' }, ip: `192.0.2.${72 + index}`, key: `resend-more-${index}` });
      expect([third.status, await errorCode(third)]).toEqual([429, 'rate_limited']);
    }
    expect(textsTo('+12025550199')).toHaveLength(2);
  });
});
