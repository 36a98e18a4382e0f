/**
 * Counters in Redis, so several signer instances share one view of every ceiling. Each take is one Lua
 * script — atomic on the Redis server, one round trip — over sorted sets of hit times (sliding logs).
 *
 * Over the shared connection of `../redis.ts` (`signer/node.ts` uses it when `REDIS_URL` is set). Times are
 * the signer's clock, so instances should keep their clocks in sync (NTP); a skew of s seconds shifts a
 * window's edge by s, nothing more. Keys expire with their window, so Redis holds nothing longer.
 */
import { toHex, utf8 } from '../../pave/hashing.ts';
import { connectRedis, type ConnectRedisOptions, type RedisScriptClient } from '../redis.ts';
import type { LimitCheck, LimitStore, LimitVerdict } from './store.ts';

/**
 * KEYS: the counters. ARGV: now, a unique member (empty: a peek, which records nothing), then
 * (limit, windowMs) per key. Returns {0, 0} when every key had room (one hit recorded in each unless
 * peeking), else {index of the key that reopens last (1-based), ms until every refusing key reopens}.
 * Mirrors `memory.ts` exactly.
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
if refused > 0 or member == '' then return {refused, wait} end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + i * 2]))
end
return {0, 0}
`;
/** The script's SHA-1, as Redis names it for EVALSHA (Web Crypto, so this file has no `node:` import). */
let slidingLogSha: Promise<string> | undefined;
const scriptSha = () => (slidingLogSha ??= crypto.subtle.digest('SHA-1', utf8(SLIDING_LOG) as Uint8Array<ArrayBuffer>).then((digest) => toHex(new Uint8Array(digest))));

interface RedisLimitStoreOptions {
  client: RedisScriptClient;
  /** Prepended to every key, so several deployments can share one Redis. Default `pave-capture:rl:`. */
  prefix?: string;
  /** Called by `close()`. */
  disconnect?: () => Promise<void>;
}

/**
 * @example const store = createRedisLimitStore({ client: await connectRedis(url) });
 */
export function createRedisLimitStore(options: RedisLimitStoreOptions): LimitStore {
  const prefix = options.prefix ?? 'pave-capture:rl:';
  const { client } = options;

  const run = async (checks: readonly LimitCheck[], nowMs: number, record: boolean): Promise<LimitVerdict> => {
    if (!checks.length) return { ok: true };
    const request = {
      keys: checks.map((check) => prefix + check.key),
      arguments: [String(nowMs), record ? `${nowMs}:${crypto.randomUUID()}` : '', ...checks.flatMap((check) => [String(check.limit), String(check.windowMs)])],
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
  };

  return {
    take: (checks, nowMs) => run(checks, nowMs, true),
    peek: (checks, nowMs) => run(checks, nowMs, false),
    async close() {
      await options.disconnect?.();
    },
  };
}

/**
 * A counter store on its own connection, closed with the store.
 * @example const store = await connectRedisLimitStore('redis://127.0.0.1:6379');
 */
export async function connectRedisLimitStore(url: string, options: ConnectRedisOptions & { prefix?: string } = {}): Promise<LimitStore> {
  const client = await connectRedis(url, options);
  return createRedisLimitStore({ client, prefix: options.prefix, disconnect: () => client.close() });
}
