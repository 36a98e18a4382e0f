/**
 * Bun entry: `bun signer/bun.ts` (Bun reads `.env` itself). Same environment as on Node.
 */
import { readFileSync } from 'node:fs';
import { createApp } from './app.ts';
import { clientIpReader } from './http/client-ip.ts';
import { ConfigError, loadConfig } from './config/environment.ts';

/** The slice of Bun's API this entry uses (no Bun types in this Node-checked project). */
interface BunServer {
  requestIP(request: Request): { address: string } | null;
}
declare const Bun: {
  serve(options: { port: number; hostname: string; fetch: (request: Request, server: BunServer) => Response | Promise<Response> }): unknown;
};

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const app = createApp({
    config,
    // Bun passes its server as the handler's second argument; Hono hands it on as `c.env`.
    clientIp: clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => (c.env as { server?: BunServer } | undefined)?.server?.requestIP(c.req.raw)?.address }),
  });
  const port = Number(process.env.PORT ?? 8787);
  Bun.serve({ port, hostname: process.env.HOST ?? '0.0.0.0', fetch: (request, server) => app.fetch(request, { server }) });
  console.log(`pave-capture signer on http://localhost:${port} (${config.sites.size} site${config.sites.size === 1 ? '' : 's'})`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
