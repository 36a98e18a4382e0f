/**
 * `REDIS_URL` made into the two shared stores — rate-limit counters and idempotent answers, over one
 * connection — for every entry that runs as a server (Node, Deno, Bun): the same client (`redis`, which
 * runs on all three) and the same refusal to start when Redis does not answer.
 */
import { ConfigError } from '../config/environment.ts';
import { checkRedisDurability } from '../config/redis-durability.ts';
import { consoleLogger, type Logger } from '../http/event-log.ts';
import { createRedisIdempotencyStore } from './idempotency/redis.ts';
import type { IdempotencyStore } from './idempotency/store.ts';
import { createRedisLimitStore } from './limits/redis.ts';
import type { LimitStore } from './limits/store.ts';
import { connectRedis, redactUrl } from './redis.ts';

/**
 * The shared stores when `url` is set, none (each process counts in its memory) when it is not; a Redis
 * that does not answer throws a `ConfigError` naming `REDIS_URL`, so the entry stops like on any bad setting;
 * one that would lose keys comes back with `warnings` for the entry to print.
 * @example const { warnings, ...stores } = await connectSharedStores(process.env.REDIS_URL); createApp({ config, ...stores });
 */
export async function connectSharedStores(url: string | undefined, log: Logger = consoleLogger): Promise<{ limitStore?: LimitStore; idempotency?: IdempotencyStore; warnings: string[] }> {
  if (!url?.trim()) return { warnings: [] };
  // Until the first connection, a failure is the start-up refusal below, not a log line besides it.
  let connected = false;
  try {
    const client = await connectRedis(url.trim(), { onError: (error) => connected && log({ level: 'error', event: 'redis_connection', error: error.message }) });
    connected = true;
    return {
      limitStore: createRedisLimitStore({ client, disconnect: () => client.close() }),
      idempotency: createRedisIdempotencyStore({ client }),
      // A Redis that may lose keys (eviction, no persistence) forgets counters and answers: said at start.
      warnings: await checkRedisDurability(client, redactUrl(url.trim())),
    };
  } catch (error) {
    throw new ConfigError([`REDIS_URL: ${error instanceof Error ? error.message : `cannot connect to ${redactUrl(url)}`}`]);
  }
}
