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
import { batchedLogger, consoleLogger } from './http/event-log.ts';
import { lineBatch } from './http/line-batch.ts';
import { batchedRequestLines } from './http/request-log.ts';
import { nodeHashing } from './node-hashing.ts';
import { createPooledHttp } from './node-http.ts';
import { createRedisIdempotencyStore } from './stores/idempotency/redis.ts';
import { createRedisLimitStore } from './stores/limits/redis.ts';
import { connectRedis, redactUrl } from './stores/redis.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const port = Number(process.env.PORT ?? 8787);
  const clientIp = clientIpReader({ trustProxy: config.trustProxy, socketAddress: (c) => getConnInfo(c).remote.address });
  const shared = process.env.REDIS_URL ? await connectSharedStores(process.env.REDIS_URL) : {};
  // Log lines are written once per event-loop turn, and whatever is queued when the process ends.
  const stdout = lineBatch((text) => process.stdout.write(text), setImmediate);
  const stderr = lineBatch((text) => process.stderr.write(text), setImmediate);
  process.on('exit', () => (stdout.flush(), stderr.flush()));
  const app = createApp({
    config,
    clientIp,
    hashing: nodeHashing,
    paveHttp: createPooledHttp().http,
    log: batchedRequestLines(stdout),
    events: batchedLogger(stdout, stderr),
    ...shared,
  });
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

/**
 * `REDIS_URL`: rate-limit counters and idempotent answers shared by every instance, over one connection;
 * a Redis that does not answer stops the start.
 */
async function connectSharedStores(url: string) {
  try {
    const client = await connectRedis(url, {
      onError: (error) => consoleLogger({ level: 'error', event: 'redis_connection', error: error.message }),
    });
    return { limitStore: createRedisLimitStore({ client }), idempotency: createRedisIdempotencyStore({ client }) };
  } catch (error) {
    throw new ConfigError([`REDIS_URL: ${error instanceof Error ? error.message : `cannot connect to ${redactUrl(url)}`}`]);
  }
}
