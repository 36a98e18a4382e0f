/**
 * `npm start` as a developer runs it (demo/start.ts), a real process on free loopback ports: it prints its
 * URLs and serves the page; a second one on the same ports says so in one line and exits non-zero,
 * leaving the first untouched; a bad setting is one line too. Never a stack trace.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPortProblems } from '../../demo/start/ports.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const entry = join(root, 'demo/start.ts');
// A directory without a .env, so a developer's own settings never leak into the test.
const dir = mkdtempSync(join(tmpdir(), 'demo-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Only what the demo needs: no PUBLIC_HOST, no PAVE credentials, no REDIS_URL of the caller's. */
const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', DEMO_USE_SANDBOX: 'true', ...extra });

function run(extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsx, entry], { cwd: dir, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Starts a demo and resolves once it has printed its URLs. */
function startDemo(extra: Record<string, string>): Promise<{ child: ChildProcess; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsx, entry], { cwd: dir, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => fail(new Error(`the first demo did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      if (!/Listening on this computer only.*\n/.test(output)) return;
      clearTimeout(timer);
      done({ child, output });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.on('exit', (code) => fail(new Error(`the first demo exited (${code}):\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe('demo/start.ts', () => {
  it('a second npm start on busy ports prints one friendly line and exits non-zero; the first keeps serving', async () => {
    const ports = { DEMO_PORT: String(await freePort()), PORT: String(await freePort()), SANDBOX_PORT: String(await freePort()) };
    const first = await startDemo(ports);
    expect(first.output).toContain(`  ➜ Dealer page:  http://localhost:${ports.DEMO_PORT}/`);
    expect(first.output).toContain(`  ➜ Sandbox:      http://127.0.0.1:${ports.SANDBOX_PORT}  (SMS outbox: http://127.0.0.1:${ports.SANDBOX_PORT}/_sandbox/outbox)`);
    expect(first.output).toContain('Listening on this computer only (127.0.0.1).');

    const second = await run(ports);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^npm start: ports ${ports.DEMO_PORT} \\(dealer page, DEMO_PORT\\), ${ports.PORT} \\(signer, PORT\\) and ${ports.SANDBOX_PORT} \\(PAVE sandbox, SANDBOX_PORT\\) ` +
          'are already in use — is the demo already running\\? Stop it, or start this one on free ports: DEMO_PORT=\\d+ PORT=\\d+ SANDBOX_PORT=\\d+ npm start$',
      ),
    );
    expect(second.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);

    // The first demo was not disturbed: its page and, through it, its signer still answer.
    const page = await fetch(`http://127.0.0.1:${ports.DEMO_PORT}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<pave-capture');
    expect(await (await fetch(`http://127.0.0.1:${ports.DEMO_PORT}/signer/healthz`)).json()).toEqual({ ok: true });
    // Vite's own SIGTERM handler ends the process (with 143, as for any SIGTERM); it must end, and free its ports.
    await stop(first.child);
    expect(await findPortProblems([{ setting: 'DEMO_PORT', what: 'dealer page', port: Number(ports.DEMO_PORT), host: '127.0.0.1' }])).toEqual([]);
  }, 120_000);

  it('one busy port is named alone, and nothing else is left listening', async () => {
    const ports = { DEMO_PORT: String(await freePort()), PORT: String(await freePort()), SANDBOX_PORT: String(await freePort()) };
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(Number(ports.PORT), '127.0.0.1', done));
    try {
      const run1 = await run(ports);
      expect(run1.code).toBe(1);
      expect(run1.stderr.trim()).toMatch(new RegExp(`^npm start: port ${ports.PORT} \\(signer, PORT\\) is already in use — .* start this one on free ports: PORT=\\d+ npm start$`));
      // Nothing was started before the refusal: the other two ports are still free.
      for (const port of [ports.DEMO_PORT, ports.SANDBOX_PORT]) {
        const probe = createServer();
        await new Promise<void>((done, fail) => probe.once('error', fail).listen(Number(port), '127.0.0.1', done));
        await new Promise((done) => probe.close(done));
      }
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  }, 60_000);

  it('refuses a bad setting in one line per problem, before it listens anywhere', () => {
    const result = spawnSync(process.execPath, [tsx, entry], {
      cwd: dir,
      env: env({ PUBLIC_HOST: 'http://192.168.1.20:5173', DEMO_PORT: 'eighty' }),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'npm start: DEMO_PORT must be a port number from 1 to 65535 (got "eighty").',
      expect.stringMatching(/^npm start: PUBLIC_HOST takes a host name or an IP address, without "http:\/\/" \(got "http:\/\/192\.168\.1\.20:5173"\): e\.g\. PUBLIC_HOST=/),
    ]);
  }, 30_000);
});
