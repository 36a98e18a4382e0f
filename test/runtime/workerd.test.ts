/**
 * The Cloudflare Workers entry, proven in workerd (see `workerd-stack.ts`): the whole flow against the
 * sandbox with its settings as bindings (SITES_JSON as a JSON binding, like a JSON var in wrangler.toml),
 * its counters and answers in the `SignerState` Durable Object, and a Worker whose bindings are incomplete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../demo/sandbox/app.ts';
import { buildOpenApiDocument } from '../../signer/routes/openapi-document.ts';
import { startWorkerdStack, type WorkerdStack } from './workerd-stack.ts';

const ORIGIN = 'https://www.southside.example';
const NORTH_ORIGIN = 'https://www.northend.example';
const north = { username: 'northend', apiKey: 'north_key', apiSecret: 'north_secret' };

let stack: WorkerdStack;

beforeAll(async () => {
  const sites = {
    sites: {
      southside: { pave_account: 'environment', ALLOWED_ORIGINS: [ORIGIN], PAVE_DEALER_NAME: 'Southside Motors' },
      'north-end': { ALLOWED_ORIGINS: [NORTH_ORIGIN], PAVE_USERNAME: north.username, PAVE_API_KEY: { env: 'NORTH_KEY' }, PAVE_API_SECRET: { env: 'NORTH_SECRET' } },
    },
  };
  stack = await startWorkerdStack(
    [
      { name: 'signer', sites, env: { PAVE_SMS_FROM: '+16475550100', SMS_COUNTRIES: 'US,CA', NORTH_KEY: north.apiKey, NORTH_SECRET: north.apiSecret } },
      { name: 'unconfigured', pave: false, signerState: false, env: { PAVE_USERNAME: 'only-this' } },
      // The shared store's binding left out: refused, unless the environment asks for per-isolate memory.
      { name: 'unbound', signerState: false, env: { ALLOWED_ORIGINS: ORIGIN } },
      { name: 'trial', signerState: false, env: { ALLOWED_ORIGINS: ORIGIN, ALLOW_MEMORY_STORES: 'true' } },
      { name: 'misspelt', signerState: false, env: { ALLOWED_ORIGINS: ORIGIN, ALLOW_MEMORY_STORES: 'sure' } },
    ],
    { accounts: [DEMO_ACCOUNT, north] },
  );
}, 60_000);

afterAll(() => stack?.stop());

const signer = (path: string, init: RequestInit & { origin?: string } = {}) =>
  stack.call('signer', path, { ...init, headers: { Origin: init.origin ?? ORIGIN, ...(init.headers as Record<string, string>) } });

const create = (body: unknown, init: { origin?: string; headers?: Record<string, string> } = {}) =>
  signer('/v1/sessions', { method: 'POST', origin: init.origin, headers: { 'Content-Type': 'application/json', ...init.headers }, body: JSON.stringify(body) });

describe('signer/worker.ts in workerd', () => {
  it('answers health and its OpenAPI document', async () => {
    const health = await signer('/healthz');
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    expect(health.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    const openapi = await signer('/openapi.json');
    expect(openapi.status).toBe(200);
    // The static document of the build step: what the generator makes from the contract's schemas.
    expect(await openapi.json()).toEqual(buildOpenApiDocument());
  });

  it('creates and texts through the sandbox, signed with Web Crypto inside workerd', async () => {
    const response = await create({ delivery: 'sms', phone: '(202) 555-0143', vin: '1HGCM82633A004352', name: 'Jane Smith' });
    expect(response.status).toBe(201);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    const body = (await response.json()) as { session_key: string; ticket: string };
    expect(body).toEqual({
      session_key: expect.stringMatching(/^DMO-[A-Z0-9]{10}$/),
      capture_url: `https://demo.vehiclecapture.com/${body.session_key}`,
      delivery: 'sms',
      sms_to: '+1 ••• ••• 0143',
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(stack.sandbox.store.outbox.filter((message) => message.session_key === body.session_key)).toEqual([
      expect.objectContaining({ kind: 'create', to: '+12025550143', to_name: 'Jane Smith', from: '+16475550100', by: 'Southside Motors' }),
    ]);
    expect(stack.sandbox.store.sessions.get(body.session_key)?.options).toMatchObject({ client_id: 'southside', contact: { first_name: 'Jane', last_name: 'Smith' } });

    const status = await signer(`/v1/sessions/${body.session_key}/status`, { headers: { Authorization: `Bearer ${body.ticket}` } });
    expect([status.status, await status.json()]).toEqual([200, { status: 'IDLE', updated_at: expect.any(String) }]);
    const resend = await signer(`/v1/sessions/${body.session_key}/resend`, { method: 'POST', headers: { Authorization: `Bearer ${body.ticket}` } });
    expect([resend.status, await resend.json()]).toEqual([200, { sms_to: '+1 ••• ••• 0143' }]);
    const again = await signer(`/v1/sessions/${body.session_key}/resend`, { method: 'POST', headers: { Authorization: `Bearer ${body.ticket}` } });
    expect(again.status).toBe(409);
  });

  it('serves each site of SITES_JSON with its own PAVE account, and keeps origins apart', async () => {
    const response = await create({ delivery: 'link' }, { origin: NORTH_ORIGIN });
    expect(response.status).toBe(201);
    const { session_key, ticket } = (await response.json()) as { session_key: string; ticket: string };
    expect(stack.sandbox.store.sessions.get(session_key)?.owner).toBe(north.apiKey);
    expect((await signer(`/v1/sessions/${session_key}/status`, { headers: { Authorization: `Bearer ${ticket}` } })).status).toBe(404);
    expect((await create({ delivery: 'link', site: 'north-end' })).status).toBe(403);
  });

  it('replays an Idempotency-Key instead of texting twice', async () => {
    const before = stack.sandbox.store.outbox.length;
    const headers = { 'Idempotency-Key': 'workerd-submit-1' };
    const first = await create({ delivery: 'sms', phone: '2025550177' }, { headers });
    const second = await create({ delivery: 'sms', phone: '2025550177' }, { headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await second.json()) as { session_key: string }).session_key).toBe(((await first.json()) as { session_key: string }).session_key);
    expect(stack.sandbox.store.outbox).toHaveLength(before + 1);
  });

  it('maps the sandbox’s failures like on Node', async () => {
    stack.sandbox.faults.set('error', { times: 1 });
    const response = await create({ delivery: 'link' });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_error');
    expect((await create({ delivery: 'link' }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('answers 500 and logs the problems when its bindings are incomplete', async () => {
    const response = await stack.call('unconfigured', '/healthz');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'The signer is not configured.' } });
    await expect.poll(() => stack.workerd.stderr()).toContain('PAVE_API_KEY is required.');
    expect(stack.workerd.stderr()).not.toContain(DEMO_ACCOUNT.apiSecret);
  });

  it('refuses every request, saying why, when SIGNER_STATE is not bound and memory was not asked for', async () => {
    const paveCalls = stack.sandbox.store.requests.length;
    for (const service of ['unbound', 'misspelt']) {
      const response = await stack.call(service, '/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
      expect([response.status, await response.json()]).toEqual([500, { error: { code: 'internal_error', message: 'The signer is not configured.' } }]);
    }
    await expect.poll(() => stack.workerd.stderr()).toContain('SIGNER_STATE is not bound to the SignerState Durable Object (see signer/wrangler.toml)');
    await expect.poll(() => stack.workerd.stderr()).toContain('ALLOW_MEMORY_STORES must be true or false (got "sure").');
    expect(stack.sandbox.store.requests).toHaveLength(paveCalls);
  });

  it('runs on per-isolate memory only with ALLOW_MEMORY_STORES=true, and says so in the log', async () => {
    const response = await stack.call('trial', '/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    expect(response.status).toBe(201);
    const warning = stack.workerd.stderr().split('\n').find((line) => line.includes('"event":"memory_stores"'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 'warn', event: 'memory_stores', sites: 'default', stores: 'memory', note: expect.stringContaining('count per isolate') });
  });
});
