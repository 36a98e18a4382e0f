/**
 * Origins: only a site's own pages get CORS and an answer; everyone else gets 403 before anything is read,
 * counted or sent. CORS headers alone would not stop a request from running, so the signer refuses itself.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig, type SignerConfig } from '../../../signer/config/environment.ts';
import { originGuard } from '../../../signer/http/origin.ts';
import { baseEnv } from '../../fixtures/stack.ts';
import { createDefendedStack, ORIGIN } from '../../fixtures/defended-stack.ts';

const json = (response: Response) => response.json() as Promise<any>;

/** A refusal the refused page can read (`*`, no credentials), so its widget can name the fix; or none at all without an Origin. */
function expectRefused(response: Response, readable = true) {
  expect(response.status).toBe(403);
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe(readable ? '*' : null);
  expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
  expect(response.headers.get('Vary')).toContain('Origin');
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
}

describe('POST /v1/sessions and origins', () => {
  it('answers an allowed origin with CORS headers that name it, and Vary: Origin', async () => {
    const stack = createDefendedStack();
    const response = await stack.post({ delivery: 'link' });
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(response.headers.get('Vary')).toContain('Origin');
    expect(response.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
  });

  it.each([
    ['a foreign site', 'https://evil.example'],
    ['the opaque origin of a sandboxed frame or file', 'null'],
    ['another scheme', 'http://www.dealer.example'],
    ['another port', 'https://www.dealer.example:8443'],
    ['a sub-domain', 'https://shop.www.dealer.example'],
    ['a look-alike suffix', 'https://www.dealer.example.evil.example'],
    ['a trailing slash', `${ORIGIN}/`],
    ['upper case', ORIGIN.toUpperCase()],
    ['a list', `${ORIGIN} https://evil.example`],
  ])('refuses %s with 403 origin_not_allowed, reading and counting nothing', async (_name, origin) => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1' } });
    for (let i = 0; i < 3; i++) {
      const response = await stack.post({ delivery: 'sms', phone: '2025550143', name: 'x'.repeat(20_000) }, { Origin: origin });
      expectRefused(response);
      expect(await json(response)).toEqual({ error: { code: 'origin_not_allowed', message: expect.any(String) } });
    }
    expect(stack.paveCalls()).toEqual([]);
    // Foreign requests did not use up the caller's per-IP allowance.
    expect((await stack.post({ delivery: 'link' })).status).toBe(201);
  });

  it('refuses a request without Origin (a script, not a dealer’s page)', async () => {
    const stack = createDefendedStack();
    const response = await stack.app.request('/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expectRefused(response, false);
    expect((await json(response)).error.code).toBe('origin_not_allowed');
    expect(stack.paveCalls()).toEqual([]);
  });

  it('refuses a page of one dealer asking in the name of another', async () => {
    const base = loadConfig(baseEnv);
    const siteA = base.sites.get('default')!;
    const config: SignerConfig = { ...base, sites: new Map([['default', siteA], ['b', { ...siteA, id: 'b', allowedOrigins: ['https://b.example'] }]]) };
    const stack = createDefendedStack({ config });
    const crossed = await stack.post({ delivery: 'link', site: 'default' }, { Origin: 'https://b.example' });
    expect(crossed.status).toBe(403);
    expect((await json(crossed)).error.code).toBe('origin_not_allowed');
    const crossedBack = await stack.post({ delivery: 'link', site: 'b' });
    expect(crossedBack.status).toBe(403);
    expect(stack.paveCalls()).toEqual([]);
    expect((await stack.post({ delivery: 'link', site: 'b' }, { Origin: 'https://b.example' })).status).toBe(201);
  });
});

describe('CORS preflight', () => {
  const preflight = (stack: ReturnType<typeof createDefendedStack>, origin: string, headers: Record<string, string> = {}) =>
    stack.app.request('/v1/sessions', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key, x-turnstile-token', ...headers },
    });

  it('answers an allowed origin: 204, the methods and headers the widget sends, cached ten minutes', async () => {
    const stack = createDefendedStack();
    const response = await preflight(stack, ORIGIN);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET, POST');
    expect(response.headers.get('Access-Control-Allow-Headers')?.split(', ')).toEqual(
      expect.arrayContaining(['Content-Type', 'Idempotency-Key', 'Authorization', 'X-Turnstile-Token']),
    );
    expect(response.headers.get('Access-Control-Max-Age')).toBe('600');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(response.headers.get('Vary')).toContain('Origin');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('lets a foreign page send its request (to read the 403 that follows), and refuses a missing origin', async () => {
    const stack = createDefendedStack();
    const foreign = await preflight(stack, 'https://evil.example');
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expectRefused(await stack.app.request('/v1/sessions', { method: 'OPTIONS' }), false);
  });

  it('answers preflights of the follow-up routes too', async () => {
    const stack = createDefendedStack();
    const response = await stack.app.request('/v1/sessions/DMO-ABCDEFGHJK/status', {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  });
});

describe('Vary', () => {
  /** The guard in front of a route that varies by something else too, as a compressing route would. */
  const varying = (vary: string) =>
    new Hono().use(originGuard({ isAllowed: (origin) => origin === ORIGIN })).get('/', (c) => c.text('ok', 200, { Vary: vary }));

  it('adds Origin to what the route already varies by, instead of replacing it', async () => {
    const cross = await varying('Accept-Encoding').request('/', { headers: { Origin: ORIGIN } });
    expect(cross.status).toBe(200);
    expect(cross.headers.get('Vary')).toBe('Accept-Encoding, Origin');
    const sameOrigin = await varying('Accept-Encoding').request('/', { headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('Vary')).toBe('Accept-Encoding, Origin');
  });

  it('names Origin once, whatever the route listed', async () => {
    expect((await varying('origin').request('/', { headers: { Origin: ORIGIN } })).headers.get('Vary')).toBe('origin');
    expect((await varying('*').request('/', { headers: { Origin: ORIGIN } })).headers.get('Vary')).toBe('*');
  });
});
