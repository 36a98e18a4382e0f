/**
 * Node entry (`npm run signer`): reads the environment (and `.env` when present) and `SITES_FILE`,
 * refuses to start on a bad configuration with one line per problem, and serves the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { clientIpFrom } from './client-ip.ts';
import { ConfigError, loadConfig } from './config.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const port = Number(process.env.PORT ?? 8787);
  const app = createApp({ config, clientIp: clientIpFrom(config.trustProxy, (c) => getConnInfo(c).remote.address) });
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
