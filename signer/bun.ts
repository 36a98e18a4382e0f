/**
 * Bun entry (`npm run signer:bun`, i.e. `bun signer/bun.ts`; Bun reads `.env` itself). Same environment as
 * on Node: `SITES_FILE`, `REDIS_URL` (a Redis that does not answer stops the start).
 */
import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { clientIpReader } from './http/client-ip.ts';
import { ConfigError, loadConfig } from './config/environment.ts';
import { connectSharedStores } from './stores/shared.ts';

/** The slice of Bun's API this entry uses (no Bun types in this Node-checked project). */
interface BunServer {
  port: number;
  requestIP(request: Request): { address: string } | null;
}
declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: (request: Request, server: BunServer) => Response | Promise<Response> }): BunServer;
};

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const { warnings, ...shared } = await connectSharedStores(process.env.REDIS_URL);
  for (const warning of warnings) console.error(`Warning: ${warning}`);
  const app = createApp({
    config,
    // Bun passes its server as the handler's second argument; Hono hands it on as `c.env`.
    clientIp: clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => (c.env as { server?: BunServer } | undefined)?.server?.requestIP(c.req.raw)?.address }),
    ...shared,
  });
  const server = Bun.serve({ port: Number(process.env.PORT ?? 8787), hostname: process.env.HOST ?? '0.0.0.0', fetch: (request, server) => app.fetch(request, { server }) });
  console.log(`pave-capture signer on http://localhost:${server.port} (${config.sites.size} site${config.sites.size === 1 ? '' : 's'}, ${shared.limitStore ? 'shared counters in Redis' : 'counters in memory'})`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
