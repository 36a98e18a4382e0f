/**
 * The Node entry as a dealer runs it (`npm run signer`): a real process, configured only by its
 * environment and SITES_FILE. It refuses a bad sites file with one line per problem — no stack trace,
 * no half-working server — and serves every site of a good one.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
});
