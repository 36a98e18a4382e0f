/**
 * The one Redis connection both shared stores use (rate-limit counters and idempotent answers), and the
 * few commands each needs of it, so a test can pass a double. Node only in practice (the `redis` client
 * speaks TCP): `signer/node.ts` connects when `REDIS_URL` is set.
 */
import { createClient } from 'redis';

/** The two commands the limit store needs: what `createClient()` returns, or a test double. */
export interface RedisScriptClient {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** The three commands the idempotency store needs: a `redis` client, or a test double. */
export interface RedisKeyValueClient {
  get(key: string): Promise<string | null | object>;
  set(key: string, value: string, options: { condition?: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<string | null | object>;
  del(key: string): Promise<number | object>;
}

/** The connection both Redis stores use (and `INFO`, read at start-up: see `config/redis-durability.ts`). */
export type RedisConnection = RedisScriptClient & RedisKeyValueClient & { close(): Promise<void>; info(section?: string): Promise<unknown> };

export interface ConnectRedisOptions {
  /** Budget of one command (and of the first connection); a slower Redis refuses the request. Default 1000 ms. */
  timeoutMs?: number;
  /** Connection problems (the client reconnects by itself meanwhile); at most one call per 10 s. */
  onError?: (error: Error) => void;
}

/**
 * Connects to `url` (`redis://[user:password@]host:port[/db]`, `rediss://` for TLS), or throws when Redis
 * does not answer in time — the signer then refuses to start instead of running without limits. While the
 * connection is down later, commands fail at once (no offline queue) and the signer refuses requests
 * rather than letting them through unlimited.
 * @example const client = await connectRedis('redis://127.0.0.1:6379', { onError: (error) => console.error(error.message) });
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisConnection> {
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

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return 'the configured URL';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
