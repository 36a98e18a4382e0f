/**
 * The Cloudflare Workers entry, proven in workerd — the open-source Workers runtime, from the `workerd`
 * npm package (wrangler and miniflare need Node 22; workerd runs anywhere). signer/worker.ts is bundled
 * with esbuild the way wrangler would, served by workerd from a Cap'n Proto config with its settings as
 * bindings (SITES_JSON as a JSON binding, like a JSON var in wrangler.toml), and called over HTTP; it
 * talks to the PAVE sandbox on a loopback port. Every port is ephemeral (workerd reports its own on a
 * control descriptor).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT, type Sandbox } from '../../demo/sandbox/app.ts';
import { writeOpenApi } from '../../scripts/openapi.ts';
import { buildOpenApiDocument } from '../../signer/routes/openapi-document.ts';

const root = resolve(import.meta.dirname, '../..');
/** The binary's path, from the platform package npm installed beside `workerd` (no install script needed). */
const workerdBinary: string = createRequire(import.meta.url)('workerd').default;
const ORIGIN = 'https://www.southside.example';
const NORTH_ORIGIN = 'https://www.northend.example';
const north = { username: 'northend', apiKey: 'north_key', apiSecret: 'north_secret' };

let dir: string;
let sandbox: Sandbox;
let sandboxServer: ServerType;
let workerd: ChildProcess | undefined;
let workerdErrors = '';
let ports: Record<string, number> = {};

/** esbuild, as wrangler bundles a Worker: one ES module, Web-platform conditions, nothing from node:. */
async function bundleWorker(): Promise<string> {
  writeOpenApi(); // the Worker's build step (`[build] command` in signer/wrangler.toml)
  const result = await build({
    entryPoints: [join(root, 'signer/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'import'],
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const capnpText = (value: string) => JSON.stringify(value); // a JSON string literal is a valid Cap'n Proto text literal

function capnpConfig(sandboxUrl: string): string {
  const sites = {
    sites: {
      southside: { ALLOWED_ORIGINS: [ORIGIN], PAVE_DEALER_NAME: 'Southside Motors' },
      'north-end': { ALLOWED_ORIGINS: [NORTH_ORIGIN], PAVE_USERNAME: north.username, PAVE_API_KEY: { env: 'NORTH_KEY' }, PAVE_API_SECRET: { env: 'NORTH_SECRET' } },
    },
  };
  const text = (name: string, value: string) => `(name = ${capnpText(name)}, text = ${capnpText(value)})`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "signer", worker = .signer),
    (name = "unconfigured", worker = .unconfigured),
    # Loopback only: the sandbox is the only PAVE this Worker may reach.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [
    (name = "signer", address = "127.0.0.1:0", http = (), service = "signer"),
    (name = "unconfigured", address = "127.0.0.1:0", http = (), service = "unconfigured"),
  ],
);

const signer :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
  bindings = [
    ${text('PAVE_API_URL', sandboxUrl)},
    ${text('PAVE_USERNAME', DEMO_ACCOUNT.username)},
    ${text('PAVE_API_KEY', DEMO_ACCOUNT.apiKey)},
    ${text('PAVE_API_SECRET', DEMO_ACCOUNT.apiSecret)},
    ${text('PAVE_SMS_FROM', '+16475550100')},
    ${text('SMS_COUNTRIES', 'US,CA')},
    ${text('NORTH_KEY', north.apiKey)},
    ${text('NORTH_SECRET', north.apiSecret)},
    (name = "SITES_JSON", json = ${capnpText(JSON.stringify(sites))}),
  ],
);

const unconfigured :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  bindings = [${text('PAVE_USERNAME', 'only-this')}],
);
`;
}

/** Reads workerd's control messages (`{"event":"listen","socket":…,"port":…}`) until every socket listens. */
function listenPorts(control: Readable, names: string[]): Promise<Record<string, number>> {
  return new Promise((resolvePorts, reject) => {
    const found: Record<string, number> = {};
    let buffer = '';
    control.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, newline)) as { event?: string; socket?: string; port?: number };
        buffer = buffer.slice(newline + 1);
        if (message.event === 'listen' && message.socket && message.port) found[message.socket] = message.port;
      }
      if (names.every((name) => name in found)) resolvePorts(found);
    });
    control.on('end', () => reject(new Error(`workerd stopped before listening:\n${workerdErrors}`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signer-workerd-'));
  sandbox = createSandbox({ accounts: [DEMO_ACCOUNT, north] });
  const sandboxPort = await new Promise<number>((resolvePort) => {
    sandboxServer = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolvePort(info.port));
  });

  writeFileSync(join(dir, 'worker.js'), await bundleWorker());
  writeFileSync(join(dir, 'config.capnp'), capnpConfig(`http://127.0.0.1:${sandboxPort}`));
  workerd = spawn(workerdBinary, ['serve', 'config.capnp', '--control-fd=3'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  workerd.stdout!.resume(); // the Worker's request log lines
  workerd.stderr!.on('data', (chunk: Buffer) => (workerdErrors += chunk.toString()));
  ports = await listenPorts(workerd.stdio[3] as Readable, ['signer', 'unconfigured']);
}, 60_000);

afterAll(async () => {
  if (workerd?.exitCode === null) {
    const exited = new Promise((done) => workerd!.once('exit', done));
    workerd.kill();
    await exited;
  }
  await new Promise((done) => (sandboxServer ? sandboxServer.close(done) : done(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const signer = (path: string, init: RequestInit & { origin?: string } = {}) =>
  fetch(`http://127.0.0.1:${ports.signer}${path}`, { ...init, headers: { Origin: init.origin ?? ORIGIN, ...(init.headers as Record<string, string>) } });

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
    expect(sandbox.store.outbox.filter((message) => message.session_key === body.session_key)).toEqual([
      expect.objectContaining({ kind: 'create', to: '+12025550143', to_name: 'Jane Smith', from: '+16475550100', by: 'Southside Motors' }),
    ]);
    expect(sandbox.store.sessions.get(body.session_key)?.options).toMatchObject({ client_id: 'southside', contact: { first_name: 'Jane', last_name: 'Smith' } });

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
    expect(sandbox.store.sessions.get(session_key)?.owner).toBe(north.apiKey);
    expect((await signer(`/v1/sessions/${session_key}/status`, { headers: { Authorization: `Bearer ${ticket}` } })).status).toBe(404);
    expect((await create({ delivery: 'link', site: 'north-end' })).status).toBe(403);
  });

  it('replays an Idempotency-Key instead of texting twice', async () => {
    const before = sandbox.store.outbox.length;
    const headers = { 'Idempotency-Key': 'workerd-submit-1' };
    const first = await create({ delivery: 'sms', phone: '2025550177' }, { headers });
    const second = await create({ delivery: 'sms', phone: '2025550177' }, { headers });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(((await second.json()) as { session_key: string }).session_key).toBe(((await first.json()) as { session_key: string }).session_key);
    expect(sandbox.store.outbox).toHaveLength(before + 1);
  });

  it('maps the sandbox’s failures like on Node', async () => {
    sandbox.faults.set('error', { times: 1 });
    const response = await create({ delivery: 'link' });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('upstream_error');
    expect((await create({ delivery: 'link' }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('answers 500 and logs the problems when its bindings are incomplete', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.unconfigured}/healthz`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'The signer is not configured.' } });
    await expect.poll(() => workerdErrors).toContain('PAVE_API_KEY is required.');
    expect(workerdErrors).not.toContain(DEMO_ACCOUNT.apiSecret);
  });
});
