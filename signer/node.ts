/**
 * Node entry: reads the environment (and `.env` when present), refuses to start on a bad configuration
 * with a clear message, and serves the app.
 */
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env);
  const port = Number(process.env.PORT ?? 8787);
  const app = createApp({ config, clientIp: (c) => getConnInfo(c).remote.address });
  serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    const site = config.sites.get(config.defaultSiteId)!;
    console.log(`pave-capture signer on http://localhost:${info.port} → ${site.pave.baseUrl} (origins: ${site.allowedOrigins.join(', ')})`);
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
