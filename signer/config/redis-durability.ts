/**
 * Whether the Redis of `REDIS_URL` keeps what the signer puts in it. Two settings of Redis decide it:
 * - `maxmemory-policy`: anything but `noeviction` lets a full Redis drop keys — rate-limit counters (more
 *   texts than the ceilings allow) and idempotent answers (a retry texts twice). With `noeviction` a full
 *   Redis refuses writes, and the signer then refuses requests (fail closed) instead.
 * - `appendonly`: without it a restarted Redis has only its last snapshot, or nothing at all, and every
 *   answer since is forgotten.
 * Read with `INFO` (which managed Redis services allow, unlike `CONFIG GET`), and only warned about: the
 * signer still starts. Pure apart from the one command.
 */

/** The one command this needs: what a `redis` client has, or a test double. */
export interface RedisInfoClient {
  info(section?: string): Promise<unknown>;
}

/**
 * Warnings from the text of `INFO` (all sections, or `memory` and `persistence`).
 * @example redisDurabilityWarnings('maxmemory_policy:allkeys-lru\r\naof_enabled:1', 'redis://cache:6379') // one warning, about eviction
 */
export function redisDurabilityWarnings(info: string, where: string): string[] {
  const fields = new Map<string, string>();
  for (const line of info.split(/\r?\n/)) {
    const match = /^([a-z_]+):(.*)$/.exec(line.trim());
    if (match) fields.set(match[1]!, match[2]!.trim());
  }
  const warnings: string[] = [];
  const policy = fields.get('maxmemory_policy');
  if (policy !== undefined && policy !== 'noeviction') {
    warnings.push(
      `Redis at ${where} may evict keys when full (maxmemory-policy ${policy}): rate-limit counters and idempotent answers could vanish early, letting more texts through. Set maxmemory-policy noeviction.`,
    );
  }
  if (fields.get('aof_enabled') === '0') {
    warnings.push(
      `Redis at ${where} has appendonly off: after a restart it forgets the idempotent answers (and counters) written since its last snapshot, or all of them without snapshots, so a retried request can text twice. Set appendonly yes.`,
    );
  }
  if (policy === undefined && !fields.has('aof_enabled')) warnings.push(`Redis at ${where} did not say how it evicts and persists keys (INFO memory and persistence): check maxmemory-policy noeviction and appendonly yes by hand.`);
  return warnings;
}

/**
 * @example for (const line of await checkRedisDurability(client, 'redis://127.0.0.1:6379/')) console.error(`Warning: ${line}`);
 */
export async function checkRedisDurability(client: RedisInfoClient, where: string): Promise<string[]> {
  try {
    const texts = await Promise.all([client.info('memory'), client.info('persistence')]);
    return redisDurabilityWarnings(texts.map(String).join('\n'), where);
  } catch (error) {
    return [`Redis at ${where} refused INFO (${error instanceof Error ? error.message : String(error)}): check maxmemory-policy noeviction and appendonly yes by hand.`];
  }
}
