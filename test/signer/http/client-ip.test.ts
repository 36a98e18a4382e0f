/**
 * The client address the per-IP limit counts: units, then the Node entry's reader over a real loopback
 * socket, where X-Forwarded-For must not dodge the limit unless the peer is one of TRUSTED_PROXIES.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../../signer/app.ts';
import { clientBehindProxies, clientIpReader, ipLimitKey, normalizeIp } from '../../../signer/http/client-ip.ts';
import { proxyMatcher } from '../../../signer/http/proxy-ranges.ts';
import { loadConfig } from '../../../signer/config/environment.ts';
import { createSandbox } from '../../../demo/sandbox/app.ts';
import { baseEnv, inProcessFetch, ORIGIN } from '../../fixtures/stack.ts';

describe('normalizeIp', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:cb00:7109', '203.0.113.9'],
    ['[::ffff:203.0.113.9]:443', '203.0.113.9'],
    ['2001:DB8::1', '2001:db8:0:0:0:0:0:1'],
    ['[2001:db8::1]:8080', '2001:db8:0:0:0:0:0:1'],
    ['fe80::1%eth0', 'fe80:0:0:0:0:0:0:1'],
    ['::', '0:0:0:0:0:0:0:0'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0:0:0:c000:221'],
  ])('%s → %s', (raw, canonical) => {
    expect(normalizeIp(raw)).toBe(canonical);
  });

  it.each(['', 'unknown', '256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', ':1', '1:', '12345::', 'g::1', '::1.2.3', '1.2.3.4::', 'x'.repeat(100)])(
    'refuses %j',
    (raw) => {
      expect(normalizeIp(raw)).toBeUndefined();
    },
  );
});

describe('ipLimitKey', () => {
  it('counts IPv4 per address, IPv6 per /64, and the unreadable together', () => {
    expect(ipLimitKey('203.0.113.9')).toBe('203.0.113.9');
    expect(ipLimitKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(ipLimitKey('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(ipLimitKey('2001:db8:aa:bb::ffff')).toBe('2001:db8:aa:bb::/64');
    expect(ipLimitKey(undefined)).toBe('unknown');
    expect(ipLimitKey('not an ip')).toBe('unknown');
  });
});

describe('clientBehindProxies', () => {
  const ours = proxyMatcher(['10.0.0.0/8', '2001:db8:ffff::/48']);

  it('is the socket when the socket is not one of our proxies, whatever the header says', () => {
    expect(clientBehindProxies('198.51.100.1', '203.0.113.9', ours)).toBe('198.51.100.1');
    expect(clientBehindProxies(undefined, '203.0.113.9', ours)).toBeUndefined();
  });

  it('is the right-most entry that is not one of our proxies', () => {
    expect(clientBehindProxies('10.0.0.2', '203.0.113.9', ours)).toBe('203.0.113.9');
    expect(clientBehindProxies('10.0.0.2', '198.51.100.1, 203.0.113.9', ours)).toBe('203.0.113.9');
    // A chain of our proxies (CDN edge → load balancer → signer): each appended what it saw.
    expect(clientBehindProxies('10.0.0.2', 'spoofed, 203.0.113.9, 10.0.0.1', ours)).toBe('203.0.113.9');
    expect(clientBehindProxies('::ffff:10.0.0.2', '[2001:db8:1::7]:1234, 2001:db8:ffff::1', ours)).toBe('2001:db8:1:0:0:0:0:7');
  });

  it('never goes further left than an entry it cannot read', () => {
    expect(clientBehindProxies('10.0.0.2', '198.51.100.1, garbage', ours)).toBe('10.0.0.2');
    expect(clientBehindProxies('10.0.0.2', '198.51.100.1, garbage, 10.0.0.1', ours)).toBe('10.0.0.1');
    expect(clientBehindProxies('10.0.0.2', '198.51.100.1,', ours)).toBe('10.0.0.2');
  });

  it('is the left-most hop when every hop is ours, and the proxy itself without a header', () => {
    expect(clientBehindProxies('10.0.0.2', '10.0.0.9, 10.0.0.1', ours)).toBe('10.0.0.9');
    expect(clientBehindProxies('10.0.0.2', undefined, ours)).toBe('10.0.0.2');
    expect(clientBehindProxies('10.0.0.2', '', ours)).toBe('10.0.0.2');
  });
});

describe('the Node entry’s reader, over a real socket', () => {
  let server: ServerType | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** The signer on a loopback port, reading the client address as signer/node.ts does. */
  async function listen(trustedProxies?: string) {
    const config = loadConfig({ ...baseEnv, RATE_LIMIT_IP: '2', ...(trustedProxies ? { TRUSTED_PROXIES: trustedProxies } : {}) });
    const app = createApp({
      config,
      fetch: inProcessFetch(createSandbox().app),
      clientIp: clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => getConnInfo(c).remote.address }),
      log: () => {},
      events: () => {},
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
    });
    return (forwardedFor?: string) =>
      fetch(`http://127.0.0.1:${port}/v1/sessions`, {
        method: 'POST',
        headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
        body: '{"delivery":"link"}',
      });
  }

  it('ignores X-Forwarded-For without TRUSTED_PROXIES: a made-up header does not dodge the limit', async () => {
    const post = await listen();
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.2')).status).toBe(201);
    const refused = await post('198.51.100.3');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
  });

  it('ignores X-Forwarded-For from 127.0.0.1 when TRUSTED_PROXIES names another address', async () => {
    const post = await listen('10.0.0.1, 2001:db8::/32');
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.2')).status).toBe(201);
    expect((await post('198.51.100.3')).status).toBe(429);
  });

  it('honours X-Forwarded-For from 127.0.0.1 when TRUSTED_PROXIES names it: the right-most untrusted hop is counted', async () => {
    const post = await listen('127.0.0.1');
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.1')).status).toBe(201);
    expect((await post('198.51.100.1')).status).toBe(429);
    // A client prepending its own entries is still counted by the entry our proxy appended.
    expect((await post('10.0.0.1, 198.51.100.1')).status).toBe(429);
    expect((await post('198.51.100.1, 198.51.100.2')).status).toBe(201);
    // No header: the socket's address (the proxy itself).
    expect((await post()).status).toBe(201);
  });

  it('honours it through a range and a chain of trusted hops', async () => {
    const post = await listen('127.0.0.0/8, 10.0.0.0/8');
    expect((await post('198.51.100.9, 10.0.0.1')).status).toBe(201);
    expect((await post('203.0.113.1, 198.51.100.9, 10.0.0.7')).status).toBe(201);
    expect((await post('198.51.100.9')).status).toBe(429);
  });
});
