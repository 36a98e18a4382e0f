/**
 * Rate limits over HTTP (app.request), each dimension on its own, with the memory store and a clock the
 * test moves. The same behaviour against a shared Redis is in stores/limits/redis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, type SignerConfig } from '../../../signer/config/environment.ts';
import type { SiteConfig } from '../../../signer/config/settings.ts';
import { attemptChecks, createLimiter, followUpIpCheck, ipCheck, isPerCallerKey, strictestPhoneLimit } from '../../../signer/defences/limits.ts';
import type { LogEntry } from '../../../signer/http/event-log.ts';
import type { LimitStore } from '../../../signer/stores/limits/store.ts';
import { baseEnv } from '../../fixtures/stack.ts';
import { createDefendedStack, ORIGIN } from '../../fixtures/defended-stack.ts';

const json = (response: Response) => response.json() as Promise<any>;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const sms = (phone: string) => ({ delivery: 'sms', phone });
const link = { delivery: 'link' };

async function expectLimited(response: Response, retryAfter: number, message: RegExp) {
  expect(response.status).toBe(429);
  expect(response.headers.get('Retry-After')).toBe(String(retryAfter));
  // The browser can read the refusal and its Retry-After: CORS applies to errors too.
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
  expect(await json(response)).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(message) } });
}

describe('per client IP (before the body is read)', () => {
  it('allows RATE_LIMIT_IP creates a minute per address, then 429 with Retry-After', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '3' } });
    for (let i = 0; i < 3; i++) expect((await stack.post(link, {}, '198.51.100.1')).status).toBe(201);
    await expectLimited(await stack.post(link, {}, '198.51.100.1'), 60, /network/);
    expect((await stack.post(link, {}, '198.51.100.2')).status).toBe(201);
    expect(stack.paveCalls()).toHaveLength(4);

    stack.clock.advance(MINUTE);
    expect((await stack.post(link, {}, '198.51.100.1')).status).toBe(201);
  });

  it('spends nothing on a refused request, but refuses a caller at its ceiling before reading the body', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '2', RATE_LIMIT_PHONE: '1' } });
    // Garbage, an oversized body, an invalid field, a number over its own ceiling: none of it spends the caller's quota …
    expect((await stack.post('{"delivery":', {})).status).toBe(400);
    expect((await stack.post({ delivery: 'link', name: 'x'.repeat(9000) })).status).toBe(413);
    expect((await stack.post(sms('12'))).status).toBe(400);
    expect((await stack.post(sms('2025550143'), {}, '192.0.2.200')).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await stack.post(sms('2025550143'))).status).toBe(429);
    // … so both of its creates are still there.
    expect((await stack.post(link)).status).toBe(201);
    expect((await stack.post(link)).status).toBe(201);
    // At the ceiling, even a body that would be refused for its size or syntax gets the 429, unread.
    await expectLimited(await stack.post('{"delivery":'), 60, /network/);
    await expectLimited(await stack.post({ delivery: 'link', name: 'x'.repeat(9000) }), 60, /network/);
    expect(stack.paveCalls()).toHaveLength(3);
  });

  it('counts an IPv6 /64 as one caller, and IPv4-mapped addresses as IPv4', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '2' } });
    expect((await stack.post(link, {}, '2001:db8:1:2::1')).status).toBe(201);
    expect((await stack.post(link, {}, '2001:db8:1:2:ffff::9')).status).toBe(201);
    expect((await stack.post(link, {}, '2001:db8:1:2:abcd:1:2:3')).status).toBe(429);
    expect((await stack.post(link, {}, '2001:db8:1:3::1')).status).toBe(201);

    expect((await stack.post(link, {}, '192.0.2.7')).status).toBe(201);
    expect((await stack.post(link, {}, '::ffff:192.0.2.7')).status).toBe(201);
    expect((await stack.post(link, {}, '::ffff:c000:207')).status).toBe(429);
  });

  it('leaves preflights and other methods alone', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1' } });
    expect((await stack.post(link)).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const preflight = await stack.app.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
      expect(preflight.status).toBe(204);
    }
    expect((await stack.app.request('/healthz')).status).toBe(200);
  });
});

describe('per destination number', () => {
  it('texts one number RATE_LIMIT_PHONE times an hour, whatever format it is typed in', async () => {
    const stack = createDefendedStack();
    for (const typed of ['(202) 555-0143', '+1 202-555-0143', '202.555.0143']) expect((await stack.post(sms(typed))).status).toBe(201);
    await expectLimited(await stack.post(sms('2025550143')), 3600, /number/);
    expect(stack.sandbox.store.outbox.map((text) => text.to)).toEqual(['+12025550143', '+12025550143', '+12025550143']);

    // Other numbers and links are not affected.
    expect((await stack.post(sms('2025550144'))).status).toBe(201);
    expect((await stack.post(link)).status).toBe(201);

    // A sliding hour: the first text leaves the window an hour after it was sent.
    stack.clock.advance(HOUR - 1000);
    await expectLimited(await stack.post(sms('2025550143')), 1, /number/);
    stack.clock.advance(1000);
    expect((await stack.post(sms('2025550143'))).status).toBe(201);
  });

  it('logs the refusal with the number masked', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_PHONE: '1' } });
    await stack.post(sms('2025550143'));
    await stack.post(sms('2025550143'));
    expect(stack.logs).toEqual([
      expect.objectContaining({ level: 'warn', event: 'rate_limited', dimension: 'phone', site: 'default', who: '+… ••• ••• 0143', retry_after_s: 3600 }),
    ]);
    expect(JSON.stringify(stack.logs)).not.toContain('2025550143');
  });

  it('logs a flood of refusals once a minute per counter, with a count, not once per request', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1' } });
    for (let i = 0; i < 51; i++) await stack.post(link, {}, '198.51.100.66');
    expect(stack.logs).toEqual([expect.objectContaining({ event: 'rate_limited', dimension: 'ip', who: 'ip:198.51.100.66', unlogged_since: 0 })]);
    stack.clock.advance(MINUTE);
    await stack.post(link, {}, '198.51.100.66');
    await stack.post(link, {}, '198.51.100.66');
    expect(stack.logs.at(-1)).toEqual(expect.objectContaining({ event: 'rate_limited', dimension: 'ip', unlogged_since: 49 }));
    // Besides: the summary of the refused requests' own lines (see test/signer/http/log-summary.test.ts).
    expect(stack.logs.filter((entry) => entry.event === 'rate_limited')).toHaveLength(2);
  });

  it('spends nothing of the site’s ceilings when the number is refused (all or nothing)', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_PHONE: '1', RATE_LIMIT_SITE: '4' } });
    expect((await stack.post(sms('2025550143'))).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await stack.post(sms('2025550143'), {}, `198.51.100.${i}`)).status).toBe(429);
    for (let i = 0; i < 3; i++) expect((await stack.post(link, {}, `192.0.2.${i}`)).status).toBe(201);
    await expectLimited(await stack.post(link, {}, '192.0.2.99'), 60, /dealer/);
  });
});

describe('per site', () => {
  it('holds RATE_LIMIT_SITE sessions a minute across all callers', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_SITE: '2' } });
    expect((await stack.post(link, {}, '192.0.2.1')).status).toBe(201);
    stack.clock.advance(20_000);
    expect((await stack.post(link, {}, '192.0.2.2')).status).toBe(201);
    await expectLimited(await stack.post(link, {}, '192.0.2.3'), 40, /many requests/);
    stack.clock.advance(40_000);
    expect((await stack.post(link, {}, '192.0.2.3')).status).toBe(201);
    expect(stack.paveCalls()).toHaveLength(3);
  });

  it('holds RATE_LIMIT_SITE_DAY sessions in any 24 hours', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_SITE_DAY: '3' } });
    for (let i = 0; i < 3; i++) {
      expect((await stack.post(link, {}, `192.0.2.${i}`)).status).toBe(201);
      stack.clock.advance(HOUR);
    }
    await expectLimited(await stack.post(link, {}, '192.0.2.9'), 21 * 3600, /today/);
    stack.clock.advance(21 * HOUR);
    expect((await stack.post(link, {}, '192.0.2.9')).status).toBe(201);
  });

  it('keeps each site’s ceilings to itself, but protects a number across sites', async () => {
    const stack = createDefendedStack({ config: twoSites({ ipPerMinute: 1, sitePerMinute: 1 }, { ipPerMinute: 3, sitePerMinute: 5 }) });
    const fromB = { Origin: 'https://b.example' };
    expect((await stack.post(link, {}, '192.0.2.1')).status).toBe(201);
    await expectLimited(await stack.post(link, {}, '192.0.2.2'), 60, /dealer/);
    // Site b has its own session ceiling …
    expect((await stack.post({ ...link, site: 'b' }, fromB, '192.0.2.3')).status).toBe(201);
    // … and its origin gets b's per-IP ceiling (3), not a's (1).
    for (let i = 0; i < 3; i++) expect((await stack.post({ ...link, site: 'b' }, fromB, '192.0.2.4')).status).toBe(201);
    expect((await stack.post({ ...link, site: 'b' }, fromB, '192.0.2.4')).status).toBe(429);

    // Three texts to one number, whichever dealer's page asks: the fourth is refused on either site.
    const viaB = (ip: string) => stack.post({ ...sms('2025550143'), site: 'b' }, fromB, ip);
    expect((await viaB('192.0.2.10')).status).toBe(201);
    stack.clock.advance(MINUTE);
    expect((await stack.post(sms('2025550143'), {}, '192.0.2.11')).status).toBe(201);
    expect((await viaB('192.0.2.12')).status).toBe(201);
    stack.clock.advance(MINUTE);
    expect((await viaB('192.0.2.13')).status).toBe(429);
    expect((await stack.post(sms('2025550143'), {}, '192.0.2.14')).status).toBe(429);
  });

  it('holds a number to the strictest site’s ceiling, whichever site texts it (2 on one, 6 on another → 2 an hour)', async () => {
    const stack = createDefendedStack({ config: twoSites({ phonePerHour: 2 }, { phonePerHour: 6 }) });
    const viaB = (ip: string) => stack.post({ ...sms('2025550143'), site: 'b' }, { Origin: 'https://b.example' }, ip);
    expect((await viaB('192.0.2.1')).status).toBe(201);
    expect((await viaB('192.0.2.2')).status).toBe(201);
    const third = await viaB('192.0.2.3');
    expect([third.status, third.headers.get('Retry-After'), (await json(third)).error.message]).toEqual([429, '3600', expect.stringMatching(/number/)]);
    await expectLimited(await stack.post(sms('2025550143'), {}, '192.0.2.4'), 3600, /number/);
    expect(stack.sandbox.store.outbox).toHaveLength(2);
    stack.clock.advance(HOUR);
    expect((await viaB('192.0.2.7')).status).toBe(201);
  });
});

describe('createLimiter’s log lines under a flood', () => {
  /** A store that refuses every check, and a limiter over it whose log lines are kept. */
  const refusing = () => {
    const store: LimitStore = {
      take: async (checks) => ({ ok: false, key: checks[0]!.key, retryAfterMs: 1000 }),
      peek: async (checks) => ({ ok: false, key: checks[0]!.key, retryAfterMs: 1000 }),
      close: async () => {},
    };
    const logs: LogEntry[] = [];
    const limiter = createLimiter({ store, now: () => new Date(0), log: (entry) => logs.push(entry) });
    const refuse = (address: string) => limiter.check([ipCheck(address, 1)]).catch((error) => expect(error.code).toBe('rate_limited'));
    const logged = (address: string) => logs.filter((entry) => entry.who === `ip:${address}`).length;
    return { refuse, logged };
  };

  it('one line per counter per minute, whatever else is refused between', async () => {
    const { refuse, logged } = refusing();
    for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.1', '198.51.100.2']) await refuse(address);
    expect([logged('198.51.100.1'), logged('198.51.100.2')]).toEqual([1, 1]);
  });

  it('remembers at most 10 000 counters: the 10 001st starts the memory afresh', async () => {
    const { refuse, logged } = refusing();
    await refuse('10.0.0.0');
    for (let i = 1; i < 10_000; i++) await refuse(`10.0.${i >> 8}.${i & 255}`);
    await refuse('10.0.0.0');
    expect(logged('10.0.0.0')).toBe(1); // 10 000 remembered, the first among them
    await refuse('10.1.0.0'); // one more: forgotten, all of them
    await refuse('10.0.0.0');
    expect(logged('10.0.0.0')).toBe(2);
  });
});

describe('when the counter store fails', () => {
  it('logs what failed by its error’s name only, or "unknown" for something thrown that is not an Error', async () => {
    const logs: LogEntry[] = [];
    for (const thrown of [new TypeError('connect ECONNREFUSED 10.0.0.5:6379'), 'ECONNREFUSED']) {
      const store: LimitStore = { take: () => Promise.reject(thrown), peek: () => Promise.reject(thrown), close: async () => {} };
      const limiter = createLimiter({ store, now: () => new Date(0), log: (entry) => logs.push(entry) });
      await expect(limiter.enforce([ipCheck('198.51.100.1', 1)])).rejects.toMatchObject({ code: 'upstream_error' });
    }
    expect(logs).toEqual([
      { level: 'error', event: 'limit_store_unavailable', error: 'TypeError' },
      { level: 'error', event: 'limit_store_unavailable', error: 'unknown' },
    ]);
  });


  it('refuses (fails closed) with 502 upstream_error, never reaching PAVE, and logs it', async () => {
    const down = () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6390'));
    const broken: LimitStore = { take: down, peek: down, close: async () => {} };
    const stack = createDefendedStack({ store: broken });
    const response = await stack.post(sms('2025550143'));
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ error: { code: 'upstream_error', message: expect.stringMatching(/try again/) } });
    expect(stack.paveCalls()).toEqual([]);
    expect(stack.logs).toEqual([expect.objectContaining({ level: 'error', event: 'limit_store_unavailable' })]);
  });
});

describe('attemptChecks', () => {
  const limits = { ipPerMinute: 20, phonePerHour: 3, sitePerMinute: 60, sitePerDay: 1000, followUpIpPerMinute: 120, statusPerSessionMinute: 60, resendPerSessionDay: 3 };
  const site = { id: 'default', limits };

  it('counts a texted create against its caller, its number, the site’s sessions and the site’s texts', () => {
    expect(attemptChecks({ site, kind: 'create', delivery: 'sms', phone: '+12025550143', ip: '192.0.2.1' })).toEqual([
      { key: 'ip:192.0.2.1', limit: 20, windowMs: MINUTE },
      { key: 'phone:+12025550143', limit: 3, windowMs: HOUR },
      { key: 'site:default:minute', limit: 60, windowMs: MINUTE },
      { key: 'site:default:day', limit: 1000, windowMs: 24 * HOUR },
      { key: 'site:default:texts:minute', limit: 60, windowMs: MINUTE },
      { key: 'site:default:texts:day', limit: 1000, windowMs: 24 * HOUR },
    ]);
  });

  it('counts a link create against its caller and the site’s sessions only', () => {
    expect(attemptChecks({ site, kind: 'create', delivery: 'link', ip: '192.0.2.1' }).map((check) => check.key)).toEqual(['ip:192.0.2.1', 'site:default:minute', 'site:default:day']);
    // A number beside a link is not texted: it counts against nothing a text does.
    expect(attemptChecks({ site, kind: 'create', delivery: 'link', phone: '+12025550143', ip: '192.0.2.1' }).map((check) => check.key)).toEqual(['ip:192.0.2.1', 'site:default:minute', 'site:default:day']);
  });

  it('counts a resend against its caller, its number and the site’s texts, not the site’s sessions', () => {
    expect(attemptChecks({ site, kind: 'resend', delivery: 'sms', phone: '+12025550143', ip: '2001:db8::1' })).toEqual([
      { key: 'ip:2001:db8:0:0::/64', limit: 20, windowMs: MINUTE },
      { key: 'phone:+12025550143', limit: 3, windowMs: HOUR },
      { key: 'site:default:texts:minute', limit: 60, windowMs: MINUTE },
      { key: 'site:default:texts:day', limit: 1000, windowMs: 24 * HOUR },
    ]);
  });

  it('holds a number to the strictest ceiling of the signer’s sites', () => {
    const generous = { id: 'b', limits: { ...limits, phonePerHour: 6 } };
    expect(strictestPhoneLimit([site, generous])).toBe(3);
    expect(attemptChecks({ site: generous, kind: 'create', delivery: 'sms', phone: '+12025550143', ip: undefined }, 3)).toContainEqual({ key: 'phone:+12025550143', limit: 3, windowMs: HOUR });
  });
});

/** Two dealers on one signer: `default` on ORIGIN, `b` on https://b.example. */
function twoSites(a: Partial<SiteConfig['limits']>, b: Partial<SiteConfig['limits']>): SignerConfig {
  const base = loadConfig(baseEnv);
  const siteA = base.sites.get('default')!;
  const sites = new Map<string, SiteConfig>([
    ['default', { ...siteA, limits: { ...siteA.limits, ...a } }],
    ['b', { ...siteA, id: 'b', allowedOrigins: ['https://b.example'], limits: { ...siteA.limits, ...b } }],
  ]);
  return { ...base, sites };
}

describe('which counters a full store may lose first', () => {
  it('only a caller’s own (creates and follow-ups per IP), never a number’s, a site’s or a session’s', () => {
    expect(isPerCallerKey(ipCheck('203.0.113.7', 20).key)).toBe(true);
    expect(isPerCallerKey(followUpIpCheck('203.0.113.7', 60).key)).toBe(true);
    for (const key of ['phone:+16475550123', 'site:default:minute', 'site:default:day', 'texts:default:day', 'session:default:DMO-1:resend', 'phone:ip:', 'x-ip:1', 'follow-up', 'ip']) {
      expect(isPerCallerKey(key), key).toBe(false);
    }
  });
});
