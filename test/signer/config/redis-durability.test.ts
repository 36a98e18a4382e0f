/**
 * The start-up warning about a Redis that would lose keys: on INFO text, then against real redis-servers
 * this test starts itself (on unix sockets in a temporary folder), one set up to lose keys and one not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { checkRedisDurability, redisDurabilityWarnings } from '../../../signer/config/redis-durability.ts';

const WHERE = 'redis://cache.internal:6379/';

describe('redisDurabilityWarnings', () => {
  it('warns about eviction and about a Redis without its append-only file', () => {
    const warnings = redisDurabilityWarnings('# Memory\r\nmaxmemory:1073741824\r\nmaxmemory_policy:allkeys-lru\r\n# Persistence\r\naof_enabled:0\r\n', WHERE);
    expect(warnings).toEqual([
      `Redis at ${WHERE} may evict keys when full (maxmemory-policy allkeys-lru): rate-limit counters and idempotent answers could vanish early, letting more texts through. Set maxmemory-policy noeviction.`,
      `Redis at ${WHERE} has appendonly off: after a restart it forgets the idempotent answers (and counters) written since its last snapshot, or all of them without snapshots, so a retried request can text twice. Set appendonly yes.`,
    ]);
  });

  it('is quiet about noeviction with appendonly on', () => {
    expect(redisDurabilityWarnings('maxmemory_policy:noeviction\naof_enabled:1\n', WHERE)).toEqual([]);
  });

  it('says so when INFO tells nothing, or is refused', async () => {
    expect(redisDurabilityWarnings('', WHERE)).toEqual([expect.stringMatching(/did not say how it evicts and persists keys/)]);
    const refusing = { info: () => Promise.reject(new Error("ERR unknown command 'INFO'")) };
    expect(await checkRedisDurability(refusing, WHERE)).toEqual([`Redis at ${WHERE} refused INFO (ERR unknown command 'INFO'): check maxmemory-policy noeviction and appendonly yes by hand.`]);
  });
});

describe('checkRedisDurability against a real Redis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pave-redis-durability-'));
  const servers: ChildProcess[] = [];
  afterAll(() => {
    for (const server of servers) server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  /** A redis-server on a unix socket of its own, with `settings`; resolves once it answers. */
  async function redis(name: string, settings: string[]) {
    const socket = join(dir, `${name}.sock`);
    const server = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--dir', dir, '--dbfilename', `${name}.rdb`, '--appendfilename', `${name}.aof`, '--save', '', ...settings], { stdio: 'ignore' });
    servers.push(server);
    for (let attempt = 0; attempt < 100 && !existsSync(socket); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    const client = createClient({ socket: { path: socket, reconnectStrategy: false } });
    client.on('error', () => {});
    await client.connect();
    return client;
  }

  it('reads maxmemory-policy and appendonly from the server itself', async () => {
    const losing = await redis('losing', ['--appendonly', 'no', '--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']);
    const keeping = await redis('keeping', ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']);
    try {
      const warnings = await checkRedisDurability(losing, WHERE);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toContain('maxmemory-policy allkeys-lru');
      expect(warnings[1]).toContain('appendonly off');
      expect(await checkRedisDurability(keeping, WHERE)).toEqual([]);
    } finally {
      await Promise.all([losing.close(), keeping.close()]);
    }
  });
});
