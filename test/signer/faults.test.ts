/**
 * PAVE misbehaving, over real loopback sockets: the sandbox and the signer each listen on an ephemeral
 * port, so `reset` really destroys a TCP connection and `hang` really holds one open. Each fault mode
 * must end in the contract's 502/504 with a clear code, a create must never be sent twice, and one hung
 * call must not stop the signer serving everyone else.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../signer/app.ts';
import { loadConfig } from '../../signer/config/environment.ts';
import type { LogEntry } from '../../signer/http/event-log.ts';
import { createSandbox } from '../../demo/sandbox/app.ts';
import { baseEnv, ORIGIN } from '../fixtures/stack.ts';

const TIMEOUT_MS = 1500;
const sandbox = createSandbox();
/** Requests that reached the sandbox's socket, counted before any fault applies. */
let arrivals = 0;
/** While set, the next create the sandbox handles is held (handled, its text sent) until the test opens it. */
let hold: { reached: () => void; opened: Promise<void> } | undefined;
const servers: ServerType[] = [];
const logs: LogEntry[] = [];
let signerUrl = '';
let patientUrl = '';

function listen(fetch: (request: Request, env?: unknown) => Response | Promise<Response>): Promise<number> {
  return new Promise((resolve) => {
    servers.push(serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)));
  });
}

beforeAll(async () => {
  const sandboxPort = await listen(async (request, env) => {
    if (new URL(request.url).pathname.startsWith('/v1/')) arrivals += 1;
    const held = hold;
    hold = undefined;
    const response = await sandbox.app.fetch(request, env);
    held?.reached();
    await held?.opened;
    return response;
  });
  const env = {
    ...baseEnv,
    PAVE_API_URL: `http://127.0.0.1:${sandboxPort}`,
    PAVE_TIMEOUT_MS: String(TIMEOUT_MS),
    RATE_LIMIT_IP: '1000',
    // These tests are about faults, not limits: one app serves them all from 127.0.0.1.
    RATE_LIMIT_SITE: '1000',
    RATE_LIMIT_PHONE: '1000',
  };
  const config = loadConfig(env);
  const app = createApp({ config, clientIp: (c) => getConnInfo(c).remote.address, events: (entry) => logs.push(entry), log: () => {} });
  signerUrl = `http://127.0.0.1:${await listen(app.fetch)}`;
  // The same signer with a budget no test reaches: a call in flight stays in flight until the test releases it.
  const patient = createApp({
    config: loadConfig({ ...env, PAVE_TIMEOUT_MS: '60000' }),
    clientIp: (c) => getConnInfo(c).remote.address,
    events: (entry) => logs.push(entry),
    log: () => {},
  });
  patientUrl = `http://127.0.0.1:${await listen(patient.fetch)}`;
});

afterAll(async () => {
  for (const server of servers) {
    server.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
  }
});

beforeEach(() => {
  sandbox.store.reset();
  sandbox.faults.clear();
  arrivals = 0;
  hold = undefined;
});

const post = (body: unknown) =>
  fetch(`${signerUrl}/v1/sessions`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(body) });

const patientPost = (body: unknown) =>
  fetch(`${patientUrl}/v1/sessions`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(body) });

/** `texted`: PAVE may have acted on an SMS create, so the answer says a retry may text again, and when to retry. */
async function expectError(response: Response, status: number, code: string, texted = false) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body).toEqual({ error: { code, message: expect.any(String), ...(texted ? { may_have_texted: true } : {}) } });
  expect(response.headers.get('Retry-After')).toBe(texted ? '120' : null);
  // A clear message for a person, and nothing about our insides.
  expect(body.error.message).not.toMatch(/127\.0\.0\.1|ECONN|fetch failed|abort|socket|Error|HTTP \d/i);
}

describe('each sandbox fault mode, over loopback', () => {
  it('slow, within the budget: 201, sent once', async () => {
    sandbox.faults.set('slow', { delayMs: 200, times: 1 });
    expect((await post({ delivery: 'sms', phone: '2025550143' })).status).toBe(201);
    expect(arrivals).toBe(1);
    expect(sandbox.store.outbox).toHaveLength(1);
  });

  it('slow, past the budget: 504 upstream_timeout, and not sent again', async () => {
    sandbox.faults.set('slow', { delayMs: 30_000, times: 1 });
    await expectError(await post({ delivery: 'sms', phone: '2025550143' }), 504, 'upstream_timeout', true);
    expect(arrivals).toBe(1);
    // PAVE handled it (the text went out) but answered too late: one text, never two.
    expect(sandbox.store.outbox).toHaveLength(1);
  });

  it('error (500): 502 upstream_error', async () => {
    sandbox.faults.set('error', { times: 1 });
    await expectError(await post({ delivery: 'sms', phone: '2025550143' }), 502, 'upstream_error', true);
    expect(arrivals).toBe(1);
    expect(sandbox.store.outbox).toEqual([]);
  });

  it('garbage (200 with HTML): 502 upstream_error', async () => {
    sandbox.faults.set('garbage', { times: 1 });
    await expectError(await post({ delivery: 'link' }), 502, 'upstream_error');
    expect(arrivals).toBe(1);
  });

  it('reset (socket destroyed): 502 upstream_error, and the signer carries on', async () => {
    sandbox.faults.set('reset', { times: 1 });
    await expectError(await post({ delivery: 'sms', phone: '2025550143' }), 502, 'upstream_error', true);
    expect(arrivals).toBe(1);
    expect(sandbox.store.outbox).toEqual([]);
    expect((await post({ delivery: 'link' })).status).toBe(201);
    expect(arrivals).toBe(2);
  });

  it('hang (handled, never answered): 504 upstream_timeout, and the customer gets one text', async () => {
    sandbox.faults.set('hang', { times: 1 });
    await expectError(await post({ delivery: 'sms', phone: '2025550143' }), 504, 'upstream_timeout', true);
    expect(arrivals).toBe(1);
    expect(sandbox.store.outbox.map((text) => text.to)).toEqual(['+12025550143']);
  });

  it('PAVE unreachable (nothing listening): 502 upstream_error', async () => {
    const closed = createApp({
      config: loadConfig({ ...baseEnv, PAVE_API_URL: 'http://127.0.0.1:9', PAVE_TIMEOUT_MS: String(TIMEOUT_MS) }),
      log: () => {},
    });
    const response = await closed.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    await expectError(response, 502, 'upstream_error');
  });
});

describe('concurrency', () => {
  it('keeps serving many requests while one upstream call is still in flight', async () => {
    // No clock in this test: the held create stays in flight until the others have all been answered, and
    // then it is released — so it overlapped all 24 of them, however slow the machine is.
    let open = () => {};
    let reached = () => {};
    const opened = new Promise<void>((resolve) => (open = resolve));
    const handled = new Promise<void>((resolve) => (reached = resolve));
    hold = { reached, opened };
    let heldSettled = false;
    const held = patientPost({ delivery: 'sms', phone: '2025550100' }).finally(() => (heldSettled = true));
    // The held create has been handled by the sandbox (its text gone out) before the others start.
    await handled;
    expect(sandbox.store.outbox).toHaveLength(1);

    const others = await Promise.all(
      Array.from({ length: 24 }, (_, i) => patientPost(i % 2 ? { delivery: 'link' } : { delivery: 'sms', phone: `20255501${String(10 + i).padStart(2, '0')}` })),
    );
    expect(others.map((response) => response.status)).toEqual(new Array(24).fill(201));
    // The overlap: every fast call finished while the slow one was still in flight.
    expect(heldSettled).toBe(false);

    open();
    const response = await held;
    expect(response.status).toBe(201);
    expect(((await response.json()) as { sms_to?: string }).sms_to).toEqual(expect.any(String));
    expect(arrivals).toBe(25);
    // Every number got exactly one text: nothing was retried.
    const texts = sandbox.store.outbox.map((text) => text.to);
    expect(texts).toHaveLength(13);
    expect(new Set(texts).size).toBe(13);
  }, 120_000);

  it('holds up under many concurrent hangs and answers each with 504', async () => {
    sandbox.faults.set('hang', { times: 10 });
    const responses = await Promise.all(Array.from({ length: 10 }, () => post({ delivery: 'link' })));
    for (const response of responses) await expectError(response, 504, 'upstream_timeout');
    expect((await post({ delivery: 'link' })).status).toBe(201);
    expect(arrivals).toBe(11);
  }, 120_000);
});

describe('what faults leave in the logs', () => {
  it('no error was unhandled', () => {
    expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
