/**
 * Node entry: reads the environment (and `.env` when present), refuses to start on a bad configuration
 * with a clear message, and serves the app.
 */
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { nodeClientIp } from './client-ip.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectRedisStore, redactUrl } from './limiter/redis.ts';
import { consoleLogger } from './log.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env);
  const port = Number(process.env.PORT ?? 8787);
  const clientIp = nodeClientIp({ trustProxy: config.trustProxy, socketAddress: (c) => getConnInfo(c).remote.address });
  const store = process.env.REDIS_URL ? await connectRateLimitStore(process.env.REDIS_URL) : undefined;
  const app = createApp({ config, clientIp, store });
  serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
    const site = config.sites.get(config.defaultSiteId)!;
    console.log(`pave-capture signer on http://localhost:${info.port} → ${site.pave.baseUrl} (origins: ${site.allowedOrigins.join(', ')})`);
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/** `REDIS_URL`: counters shared by every instance; a Redis that does not answer stops the start. */
async function connectRateLimitStore(url: string) {
  try {
    return await connectRedisStore(url, {
      onError: (error) => consoleLogger({ level: 'error', event: 'limit_store_connection', error: error.message }),
    });
  } catch (error) {
    throw new ConfigError([`REDIS_URL: ${error instanceof Error ? error.message : `cannot connect to ${redactUrl(url)}`}`]);
  }
}
