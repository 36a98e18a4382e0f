/**
 * Counters in Redis, so several signer instances share one view of every ceiling. Each take is one Lua
 * script — atomic on the Redis server, one round trip — over sorted sets of hit times (sliding logs).
 *
 * Node only (the `redis` client speaks TCP): `signer/node.ts` uses it when `REDIS_URL` is set. Times are
 * the signer's clock, so instances should keep their clocks in sync (NTP); a skew of s seconds shifts a
 * window's edge by s, nothing more. Keys expire with their window, so Redis holds nothing longer.
 */
import { createClient } from 'redis';
import type { LimitCheck, LimitStore, LimitVerdict } from './store.ts';
import type { RedisKeyValueClient } from '../idempotency/redis.ts';

/**
 * KEYS: the counters. ARGV: now, a unique member, then (limit, windowMs) per key.
 * Returns {0, 0} when every key had room (one hit recorded in each), else {index of the key that
 * reopens last (1-based), ms until every refusing key reopens}. Mirrors `memory.ts` exactly.
 */
const SLIDING_LOG = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
local refused, wait = 0, 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local ms = math.max(1, tonumber(blocking[2]) + window - now)
    if ms > wait then refused, wait = i, ms end
  end
end
if refused > 0 then return {refused, wait} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + i * 2]))
end
return {0, 0}
`;
/** The script's SHA-1, as Redis names it for EVALSHA (Web Crypto, so this file has no `node:` import). */
let slidingLogSha: Promise<string> | undefined;
const scriptSha = () =>
  (slidingLogSha ??= crypto.subtle.digest('SHA-1', new TextEncoder().encode(SLIDING_LOG)).then((digest) =>
    [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join(''),
  ));

/** The two commands the store needs: what `createClient()` returns, or a test double. */
export interface RedisScriptClient {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisStoreOptions {
  client: RedisScriptClient;
  /** Prepended to every key, so several deployments can share one Redis. Default `pave-capture:rl:`. */
  prefix?: string;
  /** Called by `close()`. */
  disconnect?: () => Promise<void>;
}

/**
 * @example const store = createRedisStore({ client }); // client from createClient({ url }).connect()
 */
export function createRedisStore(options: RedisStoreOptions): LimitStore {
  const prefix = options.prefix ?? 'pave-capture:rl:';
  const { client } = options;

  return {
    async take(checks: readonly LimitCheck[], nowMs: number): Promise<LimitVerdict> {
      if (!checks.length) return { ok: true };
      const request = {
        keys: checks.map((check) => prefix + check.key),
        arguments: [String(nowMs), `${nowMs}:${crypto.randomUUID()}`, ...checks.flatMap((check) => [String(check.limit), String(check.windowMs)])],
      };
      let reply: unknown;
      try {
        reply = await client.evalSha(await scriptSha(), request);
      } catch (error) {
        // First use on this server (or after SCRIPT FLUSH): send the script itself, which caches it.
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        reply = await client.eval(SLIDING_LOG, request);
      }
      const [refused, wait] = Array.isArray(reply) ? reply.map(Number) : [];
      if (refused === undefined || wait === undefined || !Number.isInteger(refused)) throw new Error('unexpected reply from the rate-limit script');
      if (refused === 0) return { ok: true };
      return { ok: false, key: checks[refused - 1]!.key, retryAfterMs: wait };
    },
    async close() {
      await options.disconnect?.();
    },
  };
}

export interface ConnectRedisOptions {
  prefix?: string;
  /** Budget of one take (and of the first connection); a slower Redis refuses the request. Default 1000 ms. */
  timeoutMs?: number;
  /** Connection problems (the client reconnects by itself meanwhile); at most one call per 10 s. */
  onError?: (error: Error) => void;
}

/** The connection both Redis stores use. */
export type RedisConnection = RedisScriptClient & RedisKeyValueClient & { close(): Promise<void> };

/**
 * Connects to `url` (`redis://[user:password@]host:port[/db]`, `rediss://` for TLS), or throws when Redis
 * does not answer in time — the signer then refuses to start instead of running without limits. While the
 * connection is down later, commands fail at once (no offline queue) and the signer refuses requests
 * rather than letting them through unlimited.
 */
export async function connectRedis(url: string, options: Omit<ConnectRedisOptions, 'prefix'> = {}): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  // Without a listener, a dropped connection would be an unhandled 'error' event: a crashed signer.
  let lastReported = -Infinity;
  client.on('error', (error: Error) => {
    if (Date.now() - lastReported < 10_000) return;
    lastReported = Date.now();
    options.onError?.(error);
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis at ${redactUrl(url)} did not answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect(), deadline]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/**
 * A counter store on its own connection.
 * @example const store = await connectRedisStore('redis://127.0.0.1:6379');
 */
export async function connectRedisStore(url: string, options: ConnectRedisOptions = {}): Promise<LimitStore> {
  const client = await connectRedis(url, options);
  return createRedisStore({ client, prefix: options.prefix, disconnect: () => client.close() });
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return 'the configured URL';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
