/**
 * What the assembled app answers besides the session routes: liveness, preflights, unknown routes, and
 * the headers every response carries. Over HTTP (app.request) against the in-process PAVE sandbox.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createStack, ORIGIN } from '../fixtures/stack.ts';

let stack: ReturnType<typeof createStack>;
beforeEach(() => {
  stack = createStack();
});

const json = (response: Response) => response.json() as Promise<any>;

describe('other routes', () => {
  it('GET /healthz', async () => {
    const response = await stack.app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('names allowed origins in preflights; a foreign one gets `*`, then a 403 it can read', async () => {
    const ok = await stack.app.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(ok.headers.get('Access-Control-Allow-Headers')).toContain('Idempotency-Key');
    expect(ok.headers.get('Vary')).toContain('Origin');
    const foreign = await stack.app.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const refused = await stack.app.request('/v1/sessions', { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(await json(refused)).toEqual({ error: { code: 'origin_not_allowed', message: expect.any(String) } });
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await stack.app.request('/v2/nothing');
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('not_found');
  });

  it('sets secure headers on every response', async () => {
    const response = await stack.app.request('/healthz');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
