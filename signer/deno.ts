/**
 * Deno entry (`npm run signer:deno`, i.e. `deno run --allow-net --allow-env --allow-read signer/deno.ts`
 * after `npm ci`: Deno 2 resolves the dependencies from package.json and node_modules). Same environment as
 * on Node: `.env` when present, `SITES_FILE`, `REDIS_URL` (a Redis that does not answer stops the start).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { createApp } from './app.ts';
import { clientIpReader } from './http/client-ip.ts';
import { ConfigError, loadConfig } from './config/environment.ts';
import { connectSharedStores } from './stores/shared.ts';

/** The slice of Deno's API this entry uses (no Deno types in this Node-checked project). */
declare const Deno: {
  env: { toObject(): Record<string, string>; has(name: string): boolean; set(name: string, value: string): void };
  readTextFileSync(path: string): string;
  serve(
    options: { port: number; hostname: string; onListen?: (address: { port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): unknown;
  exit(code: number): never;
};

try {
  // As Node's `process.loadEnvFile` does, variables already set win (Deno's own would overwrite them).
  if (existsSync('.env')) {
    for (const [name, value] of Object.entries(parseEnv(readFileSync('.env', 'utf8')))) if (value !== undefined && !Deno.env.has(name)) Deno.env.set(name, value);
  }
  const env = Deno.env.toObject();
  const config = loadConfig(env, { readFile: (path) => Deno.readTextFileSync(path) });
  const { warnings, ...shared } = await connectSharedStores(env.REDIS_URL);
  for (const warning of warnings) console.error(`Warning: ${warning}`);
  const app = createApp({
    config,
    // Deno passes the connection info as the handler's second argument; Hono hands it on as `c.env`.
    clientIp: clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => (c.env as { remoteAddr?: { hostname?: string } } | undefined)?.remoteAddr?.hostname }),
    ...shared,
  });
  Deno.serve(
    {
      port: Number(env.PORT ?? 8787),
      hostname: env.HOST ?? '0.0.0.0',
      onListen: ({ port }) => console.log(`pave-capture signer on http://localhost:${port} (${config.sites.size} site${config.sites.size === 1 ? '' : 's'}, ${shared.limitStore ? 'shared counters in Redis' : 'counters in memory'})`),
    },
    (request, info) => app.fetch(request, info),
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  Deno.exit(1);
}
