/**
 * Node entry (`npm run signer`): reads the environment (and `.env` when present) and `SITES_FILE`,
 * refuses to start on a bad configuration with one line per problem, says which sites share a PAVE account
 * and what looks like a mistake, and serves the app with the server's timeouts (and `/metrics` when
 * `METRICS_TOKEN` is set).
 */
import { existsSync, readFileSync } from 'node:fs';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config/environment.ts';
import { checkRedisDurability } from './config/redis-durability.ts';
import { startupNotes } from './config/startup-notes.ts';
import { clientIpReader } from './http/client-ip.ts';
import { consoleLogger } from './http/event-log.ts';
import { nodeHashing } from './node-hashing.ts';
import { createPrometheusMetrics } from './node-metrics.ts';
import { serveSigner } from './node-server.ts';
import { createRedisIdempotencyStore } from './stores/idempotency/redis.ts';
import { createRedisLimitStore } from './stores/limits/redis.ts';
import { connectRedis, redactUrl } from './stores/redis.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const port = Number(process.env.PORT ?? 8787);
  const clientIp = clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => getConnInfo(c).remote.address });
  const { stores, warnings: redisWarnings } = process.env.REDIS_URL ? await connectSharedStores(process.env.REDIS_URL) : { stores: {}, warnings: [] };
  const metrics = config.metricsToken ? createPrometheusMetrics({ sites: [...config.sites.keys()] }) : undefined;
  const app = createApp({ config, clientIp, hashing: nodeHashing, metrics, ...stores });
  const notes = startupNotes(config);
  for (const warning of [...notes.warnings, ...redisWarnings]) console.error(`Warning: ${warning}`);
  serveSigner({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0', limits: config.server }, (info) => {
    console.log(`pave-capture signer on http://localhost:${info.port} (OpenAPI: /openapi.json${metrics ? ', metrics: /metrics' : ''})`);
    for (const site of config.sites.values()) {
      console.log(`  site "${site.id}" → ${site.pave.baseUrl} as ${site.pave.credentials.username}, origins: ${site.allowedOrigins.join(', ')}`);
    }
    for (const line of notes.sharedAccounts) console.log(`  ${line}`);
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/**
 * `REDIS_URL`: rate-limit counters and idempotent answers shared by every instance, over one connection;
 * a Redis that does not answer stops the start, one that may lose keys is warned about.
 */
async function connectSharedStores(url: string) {
  let client;
  try {
    client = await connectRedis(url, {
      onError: (error) => consoleLogger({ level: 'error', event: 'redis_connection', error: error.message }),
    });
  } catch (error) {
    throw new ConfigError([`REDIS_URL: ${error instanceof Error ? error.message : `cannot connect to ${redactUrl(url)}`}`]);
  }
  return {
    stores: { limitStore: createRedisLimitStore({ client }), idempotency: createRedisIdempotencyStore({ client }) },
    warnings: await checkRedisDurability(client, redactUrl(url)),
  };
}
