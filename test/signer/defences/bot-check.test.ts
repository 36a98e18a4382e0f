/**
 * The Turnstile bot check: `verifyTurnstile` against a local fake of Siteverify (on a real loopback port,
 * reached through TURNSTILE_VERIFY_URL), then the signer with the check on and off.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig } from '../../../signer/config/environment.ts';
import { createAdmit } from '../../../signer/defences/admit.ts';
import { verifyTurnstile } from '../../../signer/defences/bot-check.ts';
import type { Limiter } from '../../../signer/defences/limits.ts';
import type { LogEntry } from '../../../signer/http/event-log.ts';
import { baseEnv } from '../../fixtures/stack.ts';
import { createDefendedStack, ORIGIN } from '../../fixtures/defended-stack.ts';
import { createFakeTurnstile, TURNSTILE_FAKE_URL, TURNSTILE_TEST_SECRET } from '../../fixtures/turnstile.ts';

const json = (response: Response) => response.json() as Promise<any>;
const HOST = new URL(ORIGIN).hostname;

describe('verifyTurnstile, against a fake Siteverify on loopback', () => {
  const fake = createFakeTurnstile();
  let server: ServerType;
  let settings: { secret: string; verifyUrl: string };

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: fake.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    settings = { secret: TURNSTILE_TEST_SECRET, verifyUrl: `http://127.0.0.1:${port}/siteverify` };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('accepts a fresh token minted on one of the site’s hosts, sending secret, token and client IP', async () => {
    expect(await verifyTurnstile(settings, { token: `pass:${HOST}`, ip: '203.0.113.9', hostnames: [HOST] })).toEqual({ ok: true });
    expect(fake.calls.at(-1)).toEqual({ secret: TURNSTILE_TEST_SECRET, response: `pass:${HOST}`, remoteip: '203.0.113.9' });
  });

  it('refuses a replayed token, a failed one, and one minted on another site', async () => {
    await verifyTurnstile(settings, { token: `pass:${HOST}/2`, hostnames: [HOST] });
    expect(await verifyTurnstile(settings, { token: `pass:${HOST}/2`, hostnames: [HOST] })).toEqual({
      ok: false,
      reason: 'rejected',
      errorCodes: ['timeout-or-duplicate'],
    });
    expect(await verifyTurnstile(settings, { token: 'fail', hostnames: [HOST] })).toEqual({ ok: false, reason: 'rejected', errorCodes: ['invalid-input-response'] });
    expect(await verifyTurnstile(settings, { token: 'pass:evil.example', hostnames: [HOST] })).toEqual({ ok: false, reason: 'wrong_hostname' });
  });

  it('refuses missing and malformed tokens without asking Siteverify', async () => {
    const before = fake.calls.length;
    expect(await verifyTurnstile(settings, { token: undefined, hostnames: [HOST] })).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyTurnstile(settings, { token: '   ', hostnames: [HOST] })).toEqual({ ok: false, reason: 'missing' });
    expect(await verifyTurnstile(settings, { token: 'x'.repeat(2049), hostnames: [HOST] })).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyTurnstile(settings, { token: 'to ken\u0000', hostnames: [HOST] })).toEqual({ ok: false, reason: 'malformed' });
    expect(fake.calls.length).toBe(before);
  });

  it('reports a wrong secret as a refusal, and a broken or silent Siteverify as unavailable', async () => {
    expect(await verifyTurnstile({ ...settings, secret: 'wrong' }, { token: `pass:${HOST}`, hostnames: [HOST] })).toEqual({
      ok: false,
      reason: 'rejected',
      errorCodes: ['invalid-input-secret'],
    });
    expect(await verifyTurnstile(settings, { token: 'garbage', hostnames: [HOST] })).toEqual({ ok: false, reason: 'unavailable' });
    expect(await verifyTurnstile(settings, { token: 'hang', hostnames: [HOST], timeoutMs: 200 })).toEqual({ ok: false, reason: 'timeout' });
    expect(await verifyTurnstile({ ...settings, verifyUrl: 'http://127.0.0.1:9/siteverify' }, { token: `pass:${HOST}`, hostnames: [HOST] })).toEqual({
      ok: false,
      reason: 'unavailable',
    });
  });
});

describe('POST /v1/sessions with the bot check on', () => {
  const env = { TURNSTILE_SECRET: TURNSTILE_TEST_SECRET, TURNSTILE_VERIFY_URL: TURNSTILE_FAKE_URL, RATE_LIMIT_PHONE: '1', RATE_LIMIT_SITE: '2' };
  const sms = { delivery: 'sms', phone: '2025550143' };

  it('creates the session when the token is good', async () => {
    const stack = createDefendedStack({ env });
    const response = await stack.post(sms, { 'X-Turnstile-Token': `pass:${HOST}` });
    expect(response.status).toBe(201);
    expect(stack.turnstile.calls).toEqual([{ secret: TURNSTILE_TEST_SECRET, response: `pass:${HOST}`, remoteip: '203.0.113.10' }]);
    expect(stack.sandbox.store.outbox).toHaveLength(1);
  });

  it.each([
    ['no token', {}, /not a robot/],
    ['a refused token', { 'X-Turnstile-Token': 'fail' }, /complete the check/],
    ['a token from another site', { 'X-Turnstile-Token': 'pass:evil.example' }, /complete the check/],
    ['Siteverify down', { 'X-Turnstile-Token': 'garbage' }, /could not run the check/],
  ])('answers 403 bot_check_failed for %s, before spending any ceiling or reaching PAVE', async (_name, headers, message) => {
    const stack = createDefendedStack({ env });
    for (let i = 0; i < 3; i++) {
      const response = await stack.post(sms, headers);
      expect(response.status).toBe(403);
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
      expect(await json(response)).toEqual({ error: { code: 'bot_check_failed', message: expect.stringMatching(message) } });
    }
    expect(stack.paveCalls()).toEqual([]);
    expect(stack.logs).toContainEqual(expect.objectContaining({ level: 'warn', event: 'bot_check_failed', site: 'default' }));
    // The refusals spent neither the number's ceiling (1) nor the site's (2).
    expect((await stack.post(sms, { 'X-Turnstile-Token': `pass:${HOST}` })).status).toBe(201);
    expect((await stack.post({ delivery: 'link' }, { 'X-Turnstile-Token': `pass:${HOST}/2` })).status).toBe(201);
  });

  it('fails closed when Siteverify never answers', async () => {
    const stack = createDefendedStack({ env, turnstileTimeoutMs: 200 });
    const response = await stack.post(sms, { 'X-Turnstile-Token': 'hang' });
    expect(response.status).toBe(403);
    expect((await json(response)).error.code).toBe('bot_check_failed');
    expect(stack.paveCalls()).toEqual([]);
  });

  it('checks the body first: an invalid request costs no Siteverify call', async () => {
    const stack = createDefendedStack({ env });
    const response = await stack.post({ delivery: 'sms', phone: '12' }, { 'X-Turnstile-Token': `pass:${HOST}` });
    expect(response.status).toBe(400);
    expect(stack.turnstile.calls).toEqual([]);
  });
});

describe('POST /v1/sessions with the bot check off (no TURNSTILE_SECRET)', () => {
  it('needs no token and never calls Siteverify', async () => {
    const stack = createDefendedStack({ env: { TURNSTILE_VERIFY_URL: TURNSTILE_FAKE_URL } });
    expect((await stack.post({ delivery: 'link' })).status).toBe(201);
    expect((await stack.post({ delivery: 'link' }, { 'X-Turnstile-Token': 'fail' })).status).toBe(201);
    expect(stack.turnstile.calls).toEqual([]);
  });
});

describe('verifyTurnstile, what it sends Siteverify at all', () => {
  const settings = { secret: TURNSTILE_TEST_SECRET, verifyUrl: 'https://siteverify.test/siteverify' };
  /** A Siteverify stand-in in the process: answers `answer`, counts its calls. */
  const stub = (answer: unknown) => {
    const calls: string[] = [];
    const fetch = (async (_url: string, init?: RequestInit) => {
      calls.push(String(init?.body));
      return Response.json(answer);
    }) as typeof globalThis.fetch;
    return { calls, fetch };
  };

  it('sends a token of up to 2048 printable characters, and nothing longer or with a control character anywhere', async () => {
    const siteverify = stub({ success: true });
    expect(await verifyTurnstile(settings, { token: 'a'.repeat(2048), hostnames: [HOST], fetch: siteverify.fetch })).toEqual({ ok: true });
    for (const token of ['a'.repeat(2049), '\u0001pass', 'pa\u0000ss', 'pass\u007f', 'pa ss']) {
      expect(await verifyTurnstile(settings, { token, hostnames: [HOST], fetch: siteverify.fetch }), JSON.stringify(token)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(siteverify.calls).toHaveLength(1);
  });

  it('an answer read after the deadline is a timeout, even when the body ignores the abort', async () => {
    const late = (async () => ({ json: () => new Promise((resolve) => setTimeout(() => resolve({ success: true }), 60)) })) as unknown as typeof fetch;
    expect(await verifyTurnstile(settings, { token: 'pass', hostnames: [HOST], fetch: late, timeoutMs: 10 })).toEqual({ ok: false, reason: 'timeout' });
  });

  it('leaves no timer behind once answered', async () => {
    vi.useFakeTimers();
    try {
      expect(await verifyTurnstile(settings, { token: 'pass', hostnames: [HOST], fetch: stub({ success: true }).fetch })).toEqual({ ok: true });
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('admit logs every code of a refusal, comma-separated, and refuses with bot_check_failed', async () => {
    const config = loadConfig({ ...baseEnv, TURNSTILE_SECRET: TURNSTILE_TEST_SECRET, TURNSTILE_VERIFY_URL: settings.verifyUrl });
    const logs: LogEntry[] = [];
    const limiter: Limiter = { check: async () => {}, enforce: async () => {} };
    const admit = createAdmit({ limiter, log: (entry) => logs.push(entry), fetch: stub({ success: false, 'error-codes': ['invalid-input-response', 'bad-request'] }).fetch });
    const site = config.sites.get('default')!;
    await expect(admit({ kind: 'create', site, delivery: 'link', ip: '203.0.113.9', headers: new Headers({ 'X-Turnstile-Token': 'pass' }) })).rejects.toMatchObject({ code: 'bot_check_failed' });
    expect(logs).toEqual([{ level: 'warn', event: 'bot_check_failed', site: 'default', reason: 'rejected', codes: 'invalid-input-response,bad-request' }]);
  });

  it('a refusal without error codes has none', async () => {
    expect(await verifyTurnstile(settings, { token: 'pass', hostnames: [HOST], fetch: stub({ success: false }).fetch })).toEqual({ ok: false, reason: 'rejected', errorCodes: [] });
  });
});
