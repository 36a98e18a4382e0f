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
import { startupNotes } from './config/startup-notes.ts';
import { clientIpReader } from './http/client-ip.ts';
import { batchedLogger } from './http/event-log.ts';
import { lineBatch } from './http/line-batch.ts';
import { batchedRequestLines } from './http/request-log.ts';
import { nodeHashing } from './node-hashing.ts';
import { createPooledHttp } from './node-http.ts';
import { createPrometheusMetrics } from './node-metrics.ts';
import { serveSigner } from './node-server.ts';
import { connectSharedStores } from './stores/shared.ts';

if (existsSync('.env')) process.loadEnvFile('.env');

try {
  const config = loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') });
  const port = Number(process.env.PORT ?? 8787);
  const clientIp = clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => getConnInfo(c).remote.address });
  const { warnings: redisWarnings, ...stores } = await connectSharedStores(process.env.REDIS_URL);
  const metrics = config.metricsToken ? createPrometheusMetrics({ sites: [...config.sites.keys()] }) : undefined;
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
    metrics,
    ...stores,
  });
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
