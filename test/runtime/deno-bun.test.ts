/**
 * The Deno and Bun entries as a dealer runs them: real `deno` and `bun` processes (the npm packages'
 * binaries, devDependencies of this repository), configured by a `.env` file in their working directory,
 * serving the whole flow against the PAVE sandbox on a loopback port. They refuse to start on a Redis that
 * does not answer exactly as the Node entry does, and with a live Redis a Deno and a Bun instance share
 * one per-number ceiling.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT, type Sandbox } from '../../demo/sandbox/app.ts';
import { unusedPort } from '../fixtures/unused-port.ts';

const root = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
const ORIGIN = 'https://www.dealer.example';

/** How each runtime starts its entry (the package.json scripts `signer:deno`, `signer:bun`, `signer`). */
const RUNTIMES = {
  deno: [join(root, 'node_modules/.bin/deno'), 'run', '--allow-net', '--allow-env', '--allow-read', '--no-lock', join(root, 'signer/deno.ts')],
  bun: [join(root, 'node_modules/.bin/bun'), join(root, 'signer/bun.ts')],
  node: [process.execPath, join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'signer/node.ts')],
} as const;
type Runtime = keyof typeof RUNTIMES;

let sandbox: Sandbox;
let sandboxServer: ServerType | undefined;
let sandboxUrl: string;
const dirs: string[] = [];
const children = new Set<ChildProcess>();

beforeAll(async () => {
  sandbox = createSandbox();
  const port = await new Promise<number>((done) => {
    sandboxServer = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
  });
  sandboxUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const child of children) child.kill();
  await new Promise((done) => (sandboxServer ? sandboxServer.close(done) : done(undefined)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A working directory holding `.env` and nothing else, so a developer's own settings never leak in. */
function workDir(settings: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'signer-runtime-'));
  dirs.push(dir);
  writeFileSync(join(dir, '.env'), Object.entries(settings).map(([name, value]) => `${name}=${value}`).join('\n') + '\n');
  return dir;
}

const siteSettings = (extra: Record<string, string> = {}) => ({
  PAVE_API_URL: sandboxUrl,
  PAVE_USERNAME: DEMO_ACCOUNT.username,
  PAVE_API_KEY: DEMO_ACCOUNT.apiKey,
  PAVE_API_SECRET: DEMO_ACCOUNT.apiSecret,
  ALLOWED_ORIGINS: ORIGIN,
  PAVE_SMS_FROM: '+16475550100',
  HOST: '127.0.0.1',
  PORT: '0',
  ...extra,
});

/** Only what a process needs to run; the settings come from the `.env` in `cwd`. */
const bareEnv = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...extra });

/** Starts a signer and resolves with its base URL once it listens. */
function startSigner(runtime: Runtime, cwd: string, env: Record<string, string> = {}): Promise<string> {
  const [command, ...args] = RUNTIMES[runtime];
  const child = spawn(command, args, { cwd, env: bareEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  return new Promise((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`${runtime} did not start:\n${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/pave-capture signer on http:\/\/localhost:(\d+)/);
      if (match) {
        clearTimeout(timer);
        done(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`${runtime} exited with ${code}:\n${output}`)));
  });
}

/**
 * Starts a signer on the live Redis. Its first connection has one second (the entries' rule); on a machine
 * so loaded that a loopback Redis takes longer, the entry refuses as it should — then it is started again,
 * at most twice more, since what this test is about is the shared ceiling, not the start-up budget.
 */
async function startWithRedis(runtime: Runtime, cwd: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSigner(runtime, cwd);
    } catch (error) {
      if (attempt === 3 || !/REDIS_URL: Redis at .* did not answer within 1000 ms/.test(String(error))) throw error;
    }
  }
}

function signerClient(base: string) {
  const call = (path: string, init: RequestInit & { origin?: string } = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { Origin: init.origin ?? ORIGIN, ...(init.headers as Record<string, string>) } });
  return {
    create: (body: unknown, headers: Record<string, string> = {}, origin?: string) =>
      call('/v1/sessions', { method: 'POST', origin, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    status: (key: string, ticket: string) => call(`/v1/sessions/${key}/status`, { headers: { Authorization: `Bearer ${ticket}` } }),
    resend: (key: string, ticket: string) => call(`/v1/sessions/${key}/resend`, { method: 'POST', headers: { Authorization: `Bearer ${ticket}` } }),
  };
}

/** Runs an entry to its end (it must not start), with its settings in `cwd`'s `.env`. */
function refusal(runtime: Runtime, cwd: string) {
  const [command, ...args] = RUNTIMES[runtime];
  return spawnSync(command, args, { cwd, env: bareEnv(), encoding: 'utf8', timeout: 45_000 });
}

/** A REDIS_URL where nothing listens, and what the Node entry says about it (asked once). */
let refusedByNode: Promise<{ url: string; cwd: string; node: ReturnType<typeof refusal> }> | undefined;
const nowhere = () =>
  (refusedByNode ??= unusedPort().then((port) => {
    const url = `redis://127.0.0.1:${port}`;
    const cwd = workDir(siteSettings({ REDIS_URL: url }));
    return { url, cwd, node: refusal('node', cwd) };
  }));

const textsTo = (e164: string) => sandbox.store.outbox.filter((message) => message.to === e164);

describe.each(['deno', 'bun'] as const)('signer/%s.ts', (runtime) => {
  it('runs the whole flow against the sandbox, configured by .env (the environment winning over it)', async () => {
    const cwd = workDir(siteSettings({ PAVE_DEALER_NAME: 'From The File' }));
    const signer = signerClient(await startSigner(runtime, cwd, { PAVE_DEALER_NAME: 'From The Environment' }));

    const link = await signer.create({ delivery: 'link' });
    expect(link.status).toBe(201);
    expect(link.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
    expect(await link.json()).toEqual({ session_key: expect.stringMatching(/^DMO-/), capture_url: expect.any(String), delivery: 'link', ticket: expect.any(String) });

    const phone = runtime === 'deno' ? '2025550121' : '2025550122';
    const key = `${runtime}-submit-1`;
    const sms = await signer.create({ delivery: 'sms', phone }, { 'Idempotency-Key': key });
    expect(sms.status).toBe(201);
    const created = (await sms.json()) as { session_key: string; ticket: string; sms_to: string };
    expect(created.sms_to).toBe(`+1 ••• ••• ${phone.slice(-4)}`);

    const replay = await signer.create({ delivery: 'sms', phone }, { 'Idempotency-Key': key });
    expect([replay.status, replay.headers.get('Idempotent-Replayed')]).toEqual([201, 'true']);
    expect(((await replay.json()) as { session_key: string }).session_key).toBe(created.session_key);
    expect(textsTo(`+1${phone}`)).toEqual([expect.objectContaining({ kind: 'create', by: 'From The Environment', from: '+16475550100' })]);

    const status = await signer.status(created.session_key, created.ticket);
    expect([status.status, await status.json()]).toEqual([200, { status: 'IDLE', updated_at: expect.any(String) }]);

    const resend = await signer.resend(created.session_key, created.ticket);
    expect([resend.status, await resend.json()]).toEqual([200, { sms_to: created.sms_to }]);
    expect(textsTo(`+1${phone}`).map((message) => message.kind)).toEqual(['create', 'resend']);

    const foreign = await signer.create({ delivery: 'link' }, {}, 'https://evil.example');
    expect([foreign.status, ((await foreign.json()) as { error: { code: string } }).error.code]).toEqual([403, 'origin_not_allowed']);
  }, 60_000);

  it('refuses to start, like Node and in the same words, when REDIS_URL points at nothing', async () => {
    const { url, cwd, node } = await nowhere();
    const result = refusal(runtime, cwd);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual(['Invalid signer configuration:', `  - REDIS_URL: Redis at ${url} did not answer within 1000 ms.`]);
    expect(result.stderr).toBe(node.stderr);
    expect(node.status).toBe(1);
  }, 90_000);
});

describe('a Deno and a Bun instance sharing one Redis', () => {
  it('share one per-number ceiling (RATE_LIMIT_PHONE=2): the third text is refused on either', async () => {
    const phone = '+12025550166';
    const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
    redis.on('error', () => {});
    await redis.connect().catch((error: Error) => {
      throw new Error(`No Redis at ${REDIS_URL} (${error.message}): run the tests through \`npm test\`, which starts one, or set REDIS_URL.`);
    });
    // The entries use the stores' own key prefix: start this number from zero (and leave nothing behind).
    const counter = `pave-capture:rl:phone:${phone}`;
    await redis.del(counter);
    try {
      const settings = siteSettings({ REDIS_URL, RATE_LIMIT_PHONE: '2', RATE_LIMIT_IP: '100000', RATE_LIMIT_SITE: '100000', RATE_LIMIT_SITE_DAY: '100000' });
      const [deno, bun] = await Promise.all([startWithRedis('deno', workDir(settings)), startWithRedis('bun', workDir(settings))]).then((bases) => bases.map(signerClient));
      const text = (signer: ReturnType<typeof signerClient>, n: number) => signer.create({ delivery: 'sms', phone }, { 'Idempotency-Key': `shared-ceiling-${Date.now()}-${n}` });
      const before = textsTo(phone).length;
      expect((await text(deno!, 1)).status).toBe(201);
      expect((await text(bun!, 2)).status).toBe(201);
      for (const [n, signer] of [deno!, bun!].entries()) {
        const refused = await text(signer, 3 + n);
        expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([429, 'rate_limited']);
        expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(3500);
      }
      expect(textsTo(phone).length - before).toBe(2);
    } finally {
      await redis.del(counter);
      await redis.close();
    }
  }, 90_000);
});
