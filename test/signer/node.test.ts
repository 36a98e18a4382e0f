/**
 * The Node entry as a dealer runs it (`npm run signer`): a real process, configured only by its
 * environment and SITES_FILE. It refuses a bad sites file with one line per problem — no stack trace,
 * no half-working server — serves every site of a good one, says what it shares and what looks wrong,
 * cuts slow clients off with its default timeouts, and serves /metrics only to its token.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const entry = join(root, 'signer/node.ts');
// A directory without a .env, so a developer's own settings never leak into the test.
const dir = mkdtempSync(join(tmpdir(), 'signer-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...extra });

/** A one-site environment (PAVE is never reached by these tests). */
const ONE_SITE = { PAVE_USERNAME: 'main', PAVE_API_KEY: 'key', PAVE_API_SECRET: 'secret-value-0123', ALLOWED_ORIGINS: 'https://main.example' };

/** Starts the entry; resolves with its port and what it printed once it listens. */
async function startSigner(extra: Record<string, string>): Promise<{ child: ChildProcess; port: number; stdout: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [tsx, entry], { cwd: dir, env: env(extra) });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolvePort, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = stdout.match(/on http:\/\/localhost:(\d+)/);
      if (match) resolvePort(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`signer exited with ${code}: ${stderr}`)));
  });
  // The banner's other lines follow the first in the same tick or the next.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { child, port, stdout: () => stdout, stderr: () => stderr };
}

/**
 * A raw connection that writes `first`, then one byte every `everyMs`; resolves with how and when the
 * signer ended it. The test never ends or destroys the socket itself before that.
 */
function trickle(port: number, first: string, everyMs = 2000) {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1', () => first && socket.write(first));
  let received = '';
  let endedBySigner = false;
  const timer = setInterval(() => socket.writable && socket.write('x'), everyMs);
  socket.on('data', (chunk) => (received += chunk));
  socket.on('end', () => (endedBySigner = true));
  socket.on('error', () => {});
  return new Promise<{ afterMs: number; received: string; endedBySigner: boolean }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: Date.now() - started, received, endedBySigner });
    }),
  );
}

describe('signer/node.ts', () => {
  it('refuses to start on a bad sites file, naming each problem, with no stack trace and no secret', () => {
    const file = join(dir, 'bad-sites.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: {
          'main-street': { PAVE_USERNAME: 'main', PAVE_API_KEY: 'key', PAVE_API_SECRET: 'TOP-SECRET-VALUE', PAVE_THEME: 'FANCY', ALLOWED_ORIGINS: ['https://main.example/'] },
          'north end': {},
        },
      }),
    );
    const run = spawnSync(process.execPath, [tsx, entry], { cwd: dir, env: env({ SITES_FILE: file }), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'Invalid signer configuration:',
      `  - SITES_FILE ${file}: "north end" is not a site id (letters, digits, _ and -, at most 64 characters).`,
    ]);

    writeFileSync(file, JSON.stringify({ sites: { 'main-street': { PAVE_USERNAME: 'main', PAVE_API_KEY: 'key', PAVE_API_SECRET: 'TOP-SECRET-VALUE', PAVE_THEME: 'FANCY', ALLOWED_ORIGINS: ['https://main.example/'] } } }));
    const again = spawnSync(process.execPath, [tsx, entry], { cwd: dir, env: env({ SITES_FILE: file }), encoding: 'utf8', timeout: 30_000 });
    expect(again.status).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([
      'Invalid signer configuration:',
      `  - SITES_FILE ${file}: sites.main-street.PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").`,
      `  - SITES_FILE ${file}: sites.main-street.ALLOWED_ORIGINS must list origins like https://www.dealer.example: "https://main.example/" is not one (no path, no trailing slash).`,
    ]);
    expect(again.stderr).not.toContain('TOP-SECRET-VALUE');
    expect(again.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('says so when SITES_FILE does not exist', () => {
    const run = spawnSync(process.execPath, [tsx, entry], { cwd: dir, env: env({ SITES_FILE: join(dir, 'missing.json') }), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual(['Invalid signer configuration:', `  - SITES_FILE ${join(dir, 'missing.json')} cannot be read (ENOENT).`]);
  }, 30_000);

  it('serves every site of a good sites file', async () => {
    const file = join(dir, 'sites.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: {
          'main-street': { PAVE_USERNAME: 'main', PAVE_API_KEY: { env: 'MAIN_KEY' }, PAVE_API_SECRET: { env: 'MAIN_SECRET' }, ALLOWED_ORIGINS: ['https://main.example'] },
          'north-end': { PAVE_USERNAME: 'north', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: 'https://north.example' },
        },
      }),
    );
    const child = spawn(process.execPath, [tsx, entry], { cwd: dir, env: env({ SITES_FILE: file, MAIN_KEY: 'mk', MAIN_SECRET: 'ms' }) });
    try {
      let output = '';
      const port = await new Promise<number>((resolvePort, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = output.match(/on http:\/\/localhost:(\d+)/);
          if (match && output.includes('north-end')) resolvePort(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`signer exited with ${code}`)));
      });
      expect(output).toContain('site "main-street" → https://openapi.paveapi.com as main, origins: https://main.example');
      expect(output).toContain('site "north-end" → https://openapi.paveapi.com as north, origins: https://north.example');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
      const refused = await fetch(`http://127.0.0.1:${port}/v1/sessions`, { method: 'POST', headers: { Origin: 'https://elsewhere.example', 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
      expect(refused.status).toBe(403);
    } finally {
      child.kill();
    }
  }, 60_000);

  it('exits with one line naming TRUSTED_PROXIES when started with the retired TRUST_PROXY', () => {
    const run = spawnSync(process.execPath, [tsx, entry], { cwd: dir, env: env({ ...ONE_SITE, TRUST_PROXY: 'true' }), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^TRUST_PROXY is retired: .*TRUSTED_PROXIES/);
  }, 30_000);

  it('stops the start when a site names no PAVE account and does not opt in to the environment’s', () => {
    const file = join(dir, 'no-account.json');
    writeFileSync(file, JSON.stringify({ sites: { 'north-end': { PAVE_USERNAME: 'north', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: ['https://north.example'] }, 'east-side': { ALLOWED_ORIGINS: ['https://east.example'] } } }));
    const run = spawnSync(process.execPath, [tsx, entry], { cwd: dir, env: env({ ...ONE_SITE, SITES_FILE: file }), encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Invalid signer configuration:',
      `  - SITES_FILE ${file}: site "east-side" names no PAVE account: set its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET, or "pave_account": "environment" to use the environment's (its customers and texts then go to that account).`,
    ]);
  }, 30_000);

  it('says which sites share an account, and warns about what looks like a mistake', async () => {
    const file = join(dir, 'shared.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: {
          'main-street': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://main.example'] },
          'east-side': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://east.example'], RATE_LIMIT_PHONE: 1_000_000 },
        },
      }),
    );
    const signer = await startSigner({ ...ONE_SITE, SITES_FILE: file });
    try {
      expect(signer.stdout()).toContain('  PAVE account "main" at https://openapi.paveapi.com is shared by sites "main-street", "east-side": their customers, texts and bill are that one account\'s.');
      expect(signer.stderr()).toContain(
        'Warning: RATE_LIMIT_PHONE is 1000000 for site "east-side": one number could be texted 1000000 times an hour (default 3; above 10 is unusual).',
      );
    } finally {
      signer.child.kill();
    }
  }, 30_000);

  it('warns when its Redis would lose keys', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const signer = await startSigner({ ...ONE_SITE, REDIS_URL: `redis://127.0.0.1:${port}` });
      signer.child.kill();
      expect(signer.stderr()).toContain(`Warning: Redis at redis://127.0.0.1:${port} has appendonly off`);
      expect(signer.stderr()).not.toContain('maxmemory-policy');
    } finally {
      redis.kill('SIGTERM');
    }
  }, 30_000);

  it('closes connections trickling their headers or their body, within 20 s, with its default timeouts', async () => {
    const signer = await startSigner(ONE_SITE);
    try {
      const request = 'POST /v1/sessions HTTP/1.1\r\nHost: signer\r\nOrigin: https://main.example\r\nContent-Type: application/json\r\n';
      const [headers, body, chunked, silent] = await Promise.all([
        trickle(signer.port, 'POST /v1/sessions HTTP/1.1\r\nHost: signer\r\nX-Slow: '),
        trickle(signer.port, `${request}Content-Length: 4000\r\n\r\n{"delivery":"`),
        trickle(signer.port, `${request}Transfer-Encoding: chunked\r\n\r\nfff\r\n{"delivery":"`),
        trickle(signer.port, '', 60_000),
      ]);
      for (const ended of [headers, body, chunked]) {
        expect(ended.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
        expect(ended.endedBySigner).toBe(true);
        expect(ended.afterMs).toBeLessThan(25_000);
      }
      // The defaults: headers within 10 s, the whole request within 15 s, a silent connection like headers.
      expect(headers.afterMs).toBeGreaterThanOrEqual(9_500);
      expect(body.afterMs).toBeGreaterThanOrEqual(14_500);
      expect(chunked.afterMs).toBeGreaterThanOrEqual(14_500);
      expect(silent.afterMs).toBeGreaterThanOrEqual(9_500);
      expect(silent.afterMs).toBeLessThan(25_000);
      // A body cut off is the client's doing: no `unhandled error`, no stack trace.
      expect(signer.stderr()).toBe('');
      // And it still serves.
      expect((await fetch(`http://127.0.0.1:${signer.port}/healthz`)).status).toBe(200);
    } finally {
      signer.child.kill();
    }
  }, 60_000);

  it('serves /metrics with METRICS_TOKEN, to its bearer token only', async () => {
    const token = 'metrics-token-0123456789abcdef';
    const signer = await startSigner({ ...ONE_SITE, METRICS_TOKEN: token });
    try {
      expect(signer.stdout()).toContain('metrics: /metrics');
      const refused = await fetch(`http://127.0.0.1:${signer.port}/metrics`);
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      await fetch(`http://127.0.0.1:${signer.port}/v1/sessions`, { method: 'POST', headers: { Origin: 'https://elsewhere.example' } });
      const scraped = await fetch(`http://127.0.0.1:${signer.port}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
      expect(scraped.status).toBe(200);
      const text = await scraped.text();
      expect(text).toContain('pave_signer_refusals_total{code="origin_not_allowed"} 1');
      expect(text).toContain('pave_signer_sessions_created_total{site="default",delivery="link"} 0');
      expect(text).toContain('process_resident_memory_bytes');
    } finally {
      signer.child.kill();
    }

    const off = await startSigner(ONE_SITE);
    try {
      expect((await fetch(`http://127.0.0.1:${off.port}/metrics`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
    } finally {
      off.child.kill();
    }
  }, 60_000);
});
