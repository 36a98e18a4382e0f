/**
 * Node entry (`npm run signer`): reads the environment (and `.env` when present) and `SITES_FILE`,
 * refuses to start on a bad configuration with one line per problem, and serves the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config/environment.ts';
import { clientIpReader } from './http/client-ip.ts';
import { nodeHashing } from './node-hashing.ts';
import { connectSharedStores } from './stores/shared.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const port = Number(process.env.PORT ?? 8787);
  const clientIp = clientIpReader({ trustProxy: config.trustProxy, socketAddress: (c) => getConnInfo(c).remote.address });
  const shared = await connectSharedStores(process.env.REDIS_URL);
  const app = createApp({ config, clientIp, hashing: nodeHashing, ...shared });
  serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    console.log(`pave-capture signer on http://localhost:${info.port} (OpenAPI: /openapi.json)`);
    for (const site of config.sites.values()) {
      console.log(`  site "${site.id}" → ${site.pave.baseUrl} as ${site.pave.credentials.username}, origins: ${site.allowedOrigins.join(', ')}`);
    }
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
