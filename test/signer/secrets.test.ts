/**
 * The PAVE secret (and the Turnstile secret) never leave the server: not in a built browser asset, not in
 * the Workers bundle, not in a response, not in a log line, not in an error message.
 *
 * The build half runs the real `npm run build` with canary secrets in its environment (also under VITE_
 * names, which Vite would inline if any code asked for them), bundles signer/worker.ts with esbuild as a
 * Workers deploy would, and scans every output for the canaries, the sandbox's demo secret and any secret
 * configured on this machine (environment or .env) — raw, base64, hex or URL-encoded. Hits are reported by
 * name, never by value.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { takeBuildLock } from '../fixtures/build-lock.ts';
import { build } from 'esbuild';
import { createApp } from '../../signer/app.ts';
import { DEMO_ACCOUNT } from '../../demo/sandbox/app.ts';
import { createDefendedStack, ORIGIN } from '../fixtures/defended-stack.ts';
import { TURNSTILE_FAKE_URL } from '../fixtures/turnstile.ts';

const ROOT = join(import.meta.dirname, '../..');
const CANARY = `pave-canary-${crypto.randomUUID()}`;
const TURNSTILE_CANARY = `turnstile-canary-${crypto.randomUUID()}`;

/** Every secret worth looking for, by name; machine-configured ones only when long enough to mean something. */
function secretsToFind(): Map<string, string> {
  const secrets = new Map([
    ['canary PAVE_API_SECRET', CANARY],
    ['canary TURNSTILE_SECRET', TURNSTILE_CANARY],
    ['sandbox demo secret', DEMO_ACCOUNT.apiSecret],
  ]);
  const dotenv = existsSync(join(ROOT, '.env')) ? parseEnv(readFileSync(join(ROOT, '.env'), 'utf8')) : {};
  for (const name of ['PAVE_API_SECRET', 'TURNSTILE_SECRET']) {
    for (const [where, value] of [['environment', process.env[name]], ['.env', dotenv[name]]] as const) {
      if (value && value.length >= 8) secrets.set(`${name} from ${where}`, value);
    }
  }
  return secrets;
}

/** The forms a secret could take in a file or a body. */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [secret, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(secret)];
}

/** `where: secret name` for each secret found in `text`. */
function scan(text: string, where: string, secrets: Map<string, string>): string[] {
  return [...secrets].filter(([, secret]) => encodings(secret).some((form) => text.includes(form))).map(([name]) => `${where}: ${name}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('built assets', () => {
  const workerDir = mkdtempSync(join(tmpdir(), 'pave-capture-worker-'));
  afterEach(() => rmSync(workerDir, { recursive: true, force: true }));

  it('hold no secret: npm run build (widget bundles, types) and the Workers bundle of the signer', async () => {
    const canaryEnv = {
      PAVE_API_SECRET: CANARY,
      VITE_PAVE_API_SECRET: CANARY,
      TURNSTILE_SECRET: TURNSTILE_CANARY,
      VITE_TURNSTILE_SECRET: TURNSTILE_CANARY,
    };
    const releaseBuild = await takeBuildLock(ROOT);
    try {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, ...canaryEnv }, stdio: 'pipe' });
    await build({
      entryPoints: [join(ROOT, 'signer/worker.ts')],
      outfile: join(workerDir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser'],
      minify: true,
      sourcemap: true,
      define: Object.fromEntries(Object.entries(canaryEnv).map(([name, value]) => [`process.env.${name}`, JSON.stringify(value)])),
      logLevel: 'silent',
    });

    const outputs = [...filesUnder(join(ROOT, 'dist')), ...filesUnder(workerDir)];
    // The build really produced what dealers load: the script-tag file, the ES module, and the Worker.
    expect(outputs.map((file) => relative(ROOT, file))).toEqual(expect.arrayContaining(['dist/pave-capture.js', 'dist/esm/index.js', 'dist/esm/index.d.ts']));
    expect(outputs.some((file) => file.endsWith('worker.js'))).toBe(true);

    const secrets = secretsToFind();
    // The scanner finds what it looks for: the sandbox's own source holds its demo secret, base64 too.
    expect(scan(readFileSync(join(ROOT, 'demo/sandbox/app.ts'), 'utf8'), 'sandbox source', secrets)).toEqual(['sandbox source: sandbox demo secret']);
    expect(scan(`x${btoa(CANARY)}x`, 'control', secrets)).toEqual(['control: canary PAVE_API_SECRET']);
    const hits = outputs.flatMap((file) => scan(readFileSync(file, 'utf8'), relative(ROOT, file), secrets));
    expect(hits).toEqual([]);
    } finally {
      releaseBuild();
    }
  }, 300_000);
});

describe('responses and log lines', () => {
  afterEach(() => vi.restoreAllMocks());

  it('hold no secret, whatever happens: successes, refusals, PAVE failures, timeouts, crashes', async () => {
    const lines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    }
    const account = { username: 'acme', apiKey: 'acme_key', apiSecret: CANARY };
    const env = {
      PAVE_USERNAME: account.username,
      PAVE_API_KEY: account.apiKey,
      PAVE_API_SECRET: CANARY,
      PAVE_TIMEOUT_MS: '200',
      RATE_LIMIT_IP: '30',
      RATE_LIMIT_PHONE: '1',
    };
    const stack = createDefendedStack({ env, sandbox: { accounts: [account] } });
    const guarded = createDefendedStack({ env: { ...env, TURNSTILE_SECRET: TURNSTILE_CANARY, TURNSTILE_VERIFY_URL: TURNSTILE_FAKE_URL }, sandbox: { accounts: [account] } });
    const wrongSecret = createDefendedStack({ env, sandbox: { accounts: [{ ...account, apiSecret: 'what PAVE expects' }] } });
    const crashing = createApp({ config: stack.config, admit: async () => { throw new Error('boom'); } });

    const responses: Response[] = [
      await stack.post({ delivery: 'link' }),
      await stack.post({ delivery: 'sms', phone: '2025550143', name: 'Jane' }),
      await stack.post({ delivery: 'sms', phone: '2025550143' }), // 429 per number
      await stack.post({ delivery: 'link', theme: 'LITE' }),
      await stack.post('{"delivery":'),
      await stack.post({ delivery: 'link' }, { 'Content-Type': 'text/plain' }),
      await stack.post({ delivery: 'link', name: 'x'.repeat(9000) }),
      await stack.post({ delivery: 'link' }, { Origin: 'https://evil.example' }),
      await stack.post({ delivery: 'link', site: 'elsewhere' }),
      await guarded.post({ delivery: 'link' }),
      await guarded.post({ delivery: 'link' }, { 'X-Turnstile-Token': 'fail' }),
      await guarded.post({ delivery: 'link' }, { 'X-Turnstile-Token': 'pass:www.dealer.example' }),
      await wrongSecret.post({ delivery: 'link' }),
      await crashing.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' }),
    ];
    for (const mode of ['error', 'garbage', 'reset', 'hang'] as const) {
      stack.sandbox.faults.set(mode, { times: 1 });
      responses.push(await stack.post({ delivery: 'link' }));
    }
    for (let i = 0; i < 30; i++) responses.push(await stack.post({ delivery: 'link' }, {}, '192.0.2.200')); // into the per-IP 429

    const statuses = new Set(responses.map((response) => response.status));
    expect([...statuses].sort()).toEqual([201, 400, 403, 404, 413, 415, 429, 500, 502, 504]);
    // The PAVE calls really were signed with the canary (the sandbox accepted them) …
    expect(stack.paveCalls().some((call) => call.status === 201)).toBe(true);

    // … and nothing the outside world or the operator sees carries it.
    const secrets = secretsToFind();
    const seen = await Promise.all(
      responses.map(async (response, index) => `${response.status} ${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n${await response.text()}#${index}`),
    );
    const logged = [...lines, ...[stack, guarded, wrongSecret].flatMap((s) => s.logs.map((entry) => JSON.stringify(entry)))];
    expect(logged.length).toBeGreaterThan(0);
    expect([...seen.flatMap((text) => scan(text, 'response', secrets)), ...logged.flatMap((line) => scan(line, 'log line', secrets))]).toEqual([]);
  }, 30_000);
});
