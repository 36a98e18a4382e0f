/**
 * `npm start`: the PAVE sandbox, the signer and the demo dealer page, in one process, URLs printed.
 *
 * With PAVE credentials in the environment or `.env` (PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET) the
 * same signer talks to PAVE instead and no sandbox runs. `DEMO_USE_SANDBOX=true` forces the sandbox
 * (the browser tests use it so a developer's real credentials are never spent by a test run).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createServer } from 'vite';
import { createApp } from '../signer/app.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { ConfigError, loadConfig } from '../signer/config/environment.ts';
import type { Env, SiteConfig } from '../signer/config/settings.ts';
import { createSandbox, DEMO_ACCOUNT } from './sandbox/app.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

const host = '127.0.0.1';
const demoPort = Number(process.env.DEMO_PORT ?? 5173);
const signerPort = Number(process.env.PORT ?? 8787);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 8788);
const hasCredentials = Boolean(process.env.PAVE_USERNAME && process.env.PAVE_API_KEY && process.env.PAVE_API_SECRET);
const useSandbox = process.env.DEMO_USE_SANDBOX === 'true' || !hasCredentials;
const demoOrigins = [`http://localhost:${demoPort}`, `http://${host}:${demoPort}`];

const servers: ServerType[] = [];
const listen = (fetch: (request: Request) => Response | Promise<Response>, port: number) =>
  new Promise<void>((done) => servers.push(serve({ fetch, port, hostname: host }, () => done())));

/** The signer's environment: the developer's settings, with the demo's defaults where they are silent. */
function signerEnv(): Env {
  const demoDefaults: Env = {
    ALLOWED_ORIGINS: demoOrigins.join(','),
    PAVE_DEALER_NAME: 'Main Street Motors',
    PAVE_REDIRECT_URL: `http://localhost:${demoPort}/thanks.html`,
    // Someone trying the demo texts their own number again and again: a little more room than the
    // production default of 3 an hour, still low enough to see the ceiling answer.
    RATE_LIMIT_PHONE: '10',
  };
  const sandboxSettings: Env = useSandbox
    ? {
        PAVE_API_URL: `http://${host}:${sandboxPort}`,
        PAVE_USERNAME: DEMO_ACCOUNT.username,
        PAVE_API_KEY: DEMO_ACCOUNT.apiKey,
        PAVE_API_SECRET: DEMO_ACCOUNT.apiSecret,
        PAVE_SMS_FROM: '+16475550100',
        SMS_COUNTRIES: process.env.SMS_COUNTRIES ?? 'US,CA',
      }
    : {};
  return { ...demoDefaults, ...process.env, ...sandboxSettings };
}

async function main(): Promise<void> {
  const config = loadConfig(signerEnv());

  if (useSandbox) {
    const sandbox = createSandbox({ captureBaseUrl: () => `http://${host}:${sandboxPort}/capture` });
    await listen(sandbox.app.fetch, sandboxPort);
  }
  await listen(createApp({ config, clientIp: (c) => getConnInfo(c).remote.address, hashing: nodeHashing }).fetch, signerPort);

  process.env.SIGNER_PORT = String(signerPort);
  process.env.SANDBOX_PORT = String(sandboxPort);
  const vite = await createServer({
    configFile: resolve(import.meta.dirname, '../vite.config.ts'),
    server: { port: demoPort, strictPort: true, host },
    logLevel: 'warn',
  });
  await vite.listen();

  const [site] = [...config.sites.values()] as [SiteConfig];
  console.log(
    [
      '',
      '  pave-capture demo',
      `  ➜ Dealer page:  http://localhost:${demoPort}/`,
      `  ➜ Signer:       http://${host}:${signerPort}  →  ${site.pave.baseUrl}${useSandbox ? '  (PAVE sandbox)' : '  (real PAVE)'}`,
      useSandbox
        ? `  ➜ Sandbox:      http://${host}:${sandboxPort}  (SMS outbox: http://${host}:${sandboxPort}/_sandbox/outbox)`
        : '  ➜ Sandbox:      not started: real PAVE credentials are configured',
      '',
    ].join('\n'),
  );

  const stop = async () => {
    await vite.close();
    for (const server of servers) server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
