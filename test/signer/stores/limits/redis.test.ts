/**
 * The Redis store against a real `redis-server` (npm test starts one on 127.0.0.1:6390, or set REDIS_URL).
 * Never skipped: without a Redis these tests fail and say how to get one.
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from 'redis';
import { connectRedisLimitStore, createRedisLimitStore } from '../../../../signer/stores/limits/redis.ts';
import { redactUrl } from '../../../../signer/stores/redis.ts';
import type { LimitStore } from '../../../../signer/stores/limits/store.ts';
import { createDefendedStack, fakeClock } from '../../../fixtures/defended-stack.ts';
import { describeStoreContract } from './store-contract.ts';
import { unusedPort } from '../../../fixtures/unused-port.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';
/** Every key of this run lives under this prefix, so parallel runs sharing a Redis never meet. */
const RUN = `pave-capture-test:${randomUUID()}:`;

const client = createClient({ url: REDIS_URL, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: false } });
client.on('error', () => {});
const stores: LimitStore[] = [];
let unavailable: Error | undefined;

beforeAll(async () => {
  try {
    await client.connect();
  } catch (error) {
    unavailable = new Error(
      `No Redis at ${redactUrl(REDIS_URL)} (${(error as Error).message}). These tests need one: run them through \`npm test\`, ` +
        'which starts redis-server on 127.0.0.1:6390, or start one yourself (redis-server --port 6390) or set REDIS_URL.',
    );
  }
}, 10_000);

// Every test fails (none is skipped) when there is no Redis.
beforeEach(() => {
  if (unavailable) throw unavailable;
});

afterAll(async () => {
  for (const store of stores) await store.close();
  if (!client.isOpen) return;
  for await (const keys of client.scanIterator({ MATCH: `${RUN}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  await client.close();
});

/** A store on its own connection (as a separate signer instance would have) under `prefix`. */
async function instanceStore(prefix: string): Promise<LimitStore> {
  const store = await connectRedisLimitStore(REDIS_URL, { prefix });
  stores.push(store);
  return store;
}

describeStoreContract('redis', () => createRedisLimitStore({ client, prefix: `${RUN}${randomUUID()}:` }));

describe('redis store: on the server', () => {
  it('keeps nothing past its window (keys carry the window as TTL)', async () => {
    const prefix = `${RUN}ttl:`;
    const store = createRedisLimitStore({ client, prefix });
    await store.take([{ key: 'phone:+12025550143', limit: 3, windowMs: 3_600_000 }, { key: 'site:default:minute', limit: 60, windowMs: 60_000 }], Date.now());
    const phoneTtl = await client.pTTL(`${prefix}phone:+12025550143`);
    const siteTtl = await client.pTTL(`${prefix}site:default:minute`);
    expect(phoneTtl).toBeGreaterThan(3_500_000);
    expect(phoneTtl).toBeLessThanOrEqual(3_600_000);
    expect(siteTtl).toBeGreaterThan(0);
    expect(siteTtl).toBeLessThanOrEqual(60_000);
  });

  it('reloads its script when the server has forgotten it (SCRIPT FLUSH, restart, failover)', async () => {
    const store = createRedisLimitStore({ client, prefix: `${RUN}flush:` });
    expect(await store.take([{ key: 'k', limit: 2, windowMs: 60_000 }], 1000)).toEqual({ ok: true });
    await client.scriptFlush();
    expect(await store.take([{ key: 'k', limit: 2, windowMs: 60_000 }], 1001)).toEqual({ ok: true });
    expect(await store.take([{ key: 'k', limit: 2, windowMs: 60_000 }], 1002)).toEqual({ ok: false, key: 'k', retryAfterMs: 59_998 });
  });

  it('refuses to start on a Redis that does not answer, without printing its password', async () => {
    const closed = await unusedPort();
    await expect(connectRedisLimitStore(`redis://user:hunter2@127.0.0.1:${closed}`, { timeoutMs: 300 })).rejects.toThrow(
      `Redis at redis://user:***@127.0.0.1:${closed} did not answer within 300 ms.`,
    );
  });
});

describe('two signer instances sharing one Redis', () => {
  async function twoInstances(env: Record<string, string>) {
    const prefix = `${RUN}${randomUUID()}:`;
    const clock = fakeClock();
    const a = createDefendedStack({ env, clock, store: await instanceStore(prefix) });
    const b = createDefendedStack({ env, clock, store: await instanceStore(prefix) });
    return { a, b, clock, texts: () => [...a.sandbox.store.outbox, ...b.sandbox.store.outbox] };
  }

  it('share the per-number ceiling: the fourth text is refused on whichever instance', async () => {
    const { a, b, texts } = await twoInstances({});
    const sms = { delivery: 'sms', phone: '2025550143' };
    expect((await a.post(sms, {}, '192.0.2.1')).status).toBe(201);
    expect((await b.post(sms, {}, '192.0.2.2')).status).toBe(201);
    expect((await a.post(sms, {}, '192.0.2.3')).status).toBe(201);
    const refused = await b.post(sms, {}, '192.0.2.4');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('3600');
    expect(((await refused.json()) as any).error.code).toBe('rate_limited');
    expect((await a.post(sms, {}, '192.0.2.5')).status).toBe(429);
    expect(texts()).toHaveLength(3);
  });

  it('share the per-IP and per-site ceilings', async () => {
    const { a, b, clock } = await twoInstances({ RATE_LIMIT_IP: '2', RATE_LIMIT_SITE: '3' });
    const link = { delivery: 'link' };
    expect((await a.post(link, {}, '198.51.100.7')).status).toBe(201);
    expect((await b.post(link, {}, '198.51.100.7')).status).toBe(201);
    expect((await a.post(link, {}, '198.51.100.7')).status).toBe(429);
    expect((await b.post(link, {}, '198.51.100.7')).status).toBe(429);

    expect((await b.post(link, {}, '198.51.100.8')).status).toBe(201);
    const siteFull = await a.post(link, {}, '198.51.100.9');
    expect(siteFull.status).toBe(429);
    expect(((await siteFull.json()) as any).error.message).toMatch(/dealer/);

    clock.advance(60_000);
    expect((await a.post(link, {}, '198.51.100.7')).status).toBe(201);
  });

  it('share the per-day site ceiling, reopening 24 hours after the oldest session', async () => {
    const { a, b, clock } = await twoInstances({ RATE_LIMIT_SITE_DAY: '2' });
    const link = { delivery: 'link' };
    expect((await a.post(link, {}, '192.0.2.1')).status).toBe(201);
    clock.advance(3_600_000);
    expect((await b.post(link, {}, '192.0.2.2')).status).toBe(201);
    clock.advance(3_600_000);
    const refused = await a.post(link, {}, '192.0.2.3');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe(String(22 * 3600));
    expect(((await refused.json()) as any).error.message).toMatch(/today/);
    expect((await b.post(link, {}, '192.0.2.4')).status).toBe(429);
    clock.advance(22 * 3_600_000);
    expect((await b.post(link, {}, '192.0.2.5')).status).toBe(201);
  });

  it('never text one number more than allowed, even under a concurrent burst across both', async () => {
    const { a, b, texts } = await twoInstances({ RATE_LIMIT_IP: '100' });
    const sms = { delivery: 'sms', phone: '+1 (202) 555-0177' };
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).post(sms, {}, `192.0.2.${i}`)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(27);
    expect(texts()).toHaveLength(3);
  });
});

describe('when Redis goes away and comes back', () => {
  it('refuses with 502 (never unlimited, never a crash) while it is gone, and recovers by itself', async () => {
    const proxy = await tcpProxy(new URL(REDIS_URL));
    const store = await connectRedisLimitStore(`redis://127.0.0.1:${proxy.port}`, { prefix: `${RUN}outage:`, timeoutMs: 500 });
    stores.push(store);
    const stack = createDefendedStack({ store });
    expect((await stack.post({ delivery: 'link' })).status).toBe(201);

    await proxy.stop();
    const refused = await stack.post({ delivery: 'sms', phone: '2025550143' });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toEqual({ error: { code: 'upstream_error', message: expect.stringMatching(/try again/) } });
    expect(stack.paveCalls()).toHaveLength(1);
    expect(stack.logs).toContainEqual(expect.objectContaining({ event: 'limit_store_unavailable' }));
    expect((await stack.app.request('/healthz')).status).toBe(200);

    await proxy.start();
    await vi.waitFor(async () => expect((await stack.post({ delivery: 'link' })).status).toBe(201), { timeout: 8000, interval: 200 });
    expect(stack.paveCalls()).toHaveLength(2);
    await proxy.stop();
  }, 15_000);
});

/** A loopback TCP relay to Redis that the test can pull out and put back, on the same port. */
async function tcpProxy(target: URL) {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((downstream) => {
        const upstream = tcpConnect(Number(target.port || 6379), target.hostname);
        for (const socket of [downstream, upstream]) {
          sockets.add(socket);
          socket.on('error', () => {});
          socket.on('close', () => sockets.delete(socket));
        }
        downstream.pipe(upstream).pipe(downstream);
        downstream.on('close', () => upstream.destroy());
        upstream.on('close', () => downstream.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server ? server.close(() => resolve()) : resolve();
    });
  await start();
  return { get port() { return port; }, start, stop };
}
