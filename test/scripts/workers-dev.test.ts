/**
 * `npm run signer:workers` as a developer runs it: a project folder with its `wrangler.toml` and a
 * `.dev.vars` of local secrets, the Worker served by workerd with its Durable Object on disk — so a
 * ceiling reached before a restart still holds after it — and, in this repository, the secrets file and
 * the generated state ignored by git.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT, type Sandbox } from '../../demo/sandbox/app.ts';

const root = resolve(import.meta.dirname, '../..');
const ORIGIN = 'http://localhost:5173';

let sandbox: Sandbox;
let sandboxServer: ServerType | undefined;
let project: string;

beforeAll(async () => {
  sandbox = createSandbox();
  const port = await new Promise<number>((done) => {
    sandboxServer = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => done(info.port));
  });
  project = mkdtempSync(join(tmpdir(), 'signer-workers-dev-'));
  // The repository's own wrangler.toml, pointed at its entry from elsewhere; secrets only in .dev.vars.
  const toml = readFileSync(join(root, 'signer/wrangler.toml'), 'utf8').replace('main = "worker.ts"', `main = ${JSON.stringify(join(root, 'signer/worker.ts'))}`);
  writeFileSync(join(project, 'wrangler.toml'), toml);
  writeFileSync(
    join(project, '.dev.vars'),
    [`PAVE_API_URL=http://127.0.0.1:${port}`, `PAVE_USERNAME=${DEMO_ACCOUNT.username}`, `PAVE_API_KEY=${DEMO_ACCOUNT.apiKey}`, `PAVE_API_SECRET="${DEMO_ACCOUNT.apiSecret}"`, `ALLOWED_ORIGINS=${ORIGIN}`, 'RATE_LIMIT_PHONE=1'].join('\n'),
  );
});

afterAll(async () => {
  await new Promise((done) => (sandboxServer ? sandboxServer.close(done) : done(undefined)));
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs the script on a free port until it prints its URL. */
async function startDev(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  // As `npm run signer:workers` runs it: one Node process (tsx as a loader), so a signal reaches the script itself.
  const child = spawn(process.execPath, ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href, join(root, 'scripts/workers-dev.ts'), '--config', join(project, 'wrangler.toml'), '--port', '0', '--no-watch'], {
    cwd: project,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) done(match[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`signer:workers exited with ${code}:\n${output}`)));
  });
  expect(output).toContain('and .dev.vars');
  return { url, child, stop: async () => (child.kill('SIGTERM'), await exited) };
}

const text = (url: string, key: string) =>
  fetch(`${url}/v1/sessions`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify({ delivery: 'sms', phone: '2025550143' }) });

describe('npm run signer:workers', () => {
  it('serves the Worker with .dev.vars, its Durable Object kept on disk across a restart', async () => {
    const first = await startDev();
    try {
      expect((await text(first.url, 'dev-1')).status).toBe(201);
      expect((await text(first.url, 'dev-2')).status).toBe(429);
    } finally {
      await first.stop();
    }
    // Stopping the script stops workerd with it.
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    expect(existsSync(join(project, '.wrangler/state/signer-state'))).toBe(true);

    const second = await startDev();
    try {
      // The number's hourly ceiling, and the first answer of its key, outlived the restart.
      const replay = await text(second.url, 'dev-1');
      expect([replay.status, replay.headers.get('Idempotent-Replayed')]).toEqual([201, 'true']);
      expect((await text(second.url, 'dev-3')).status).toBe(429);
    } finally {
      await second.stop();
    }
    expect(sandbox.store.outbox).toHaveLength(1);
  }, 120_000);

  it('leaves nothing git would commit: .dev.vars and .wrangler/ are ignored', () => {
    for (const path of ['signer/.dev.vars', 'signer/.dev.vars.production', 'signer/.wrangler/state/signer-state/x.sqlite', 'signer/.wrangler/tmp/worker.js', '.dev.vars']) {
      expect(spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status, path).toBe(0);
    }
    expect(spawnSync('git', ['check-ignore', '-q', 'signer/.dev.vars.example'], { cwd: root }).status).toBe(1);
  });
});
