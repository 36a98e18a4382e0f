import { describe, expect, it } from 'vitest';
import { parseProxyRange, proxyMatcher } from '../../../signer/http/proxy-ranges.ts';

describe('proxyMatcher', () => {
  const ours = proxyMatcher(['10.0.0.0/8', '192.168.1.7', '2001:db8:ffff::/48', '::1']);

  it.each(['10.0.0.1', '10.255.255.255', '192.168.1.7', '2001:db8:ffff:1::9', '0:0:0:0:0:0:0:1', '::1'])('%s is ours', (address) => {
    expect(ours(address)).toBe(true);
  });

  it.each(['11.0.0.1', '192.168.1.8', '2001:db8:fffe::1', '127.0.0.1', 'garbage', ''])('%s is not', (address) => {
    expect(ours(address)).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 address (a dual-stack socket) against IPv4 ranges', () => {
    expect(ours('::ffff:10.1.2.3')).toBe(true);
    expect(ours('::ffff:11.1.2.3')).toBe(false);
  });

  it('trusts nothing when given nothing', () => {
    expect(proxyMatcher([])('10.0.0.1')).toBe(false);
  });

  it('refuses what the configuration would have refused', () => {
    expect(() => proxyMatcher(['10.0.0.0/33'])).toThrow('TRUSTED_PROXIES: "10.0.0.0/33" has a prefix longer than 32 bits.');
  });
});

describe('parseProxyRange', () => {
  it('reads a single address as the narrowest range', () => {
    const v4 = parseProxyRange('10.0.0.1');
    const v6 = parseProxyRange('2001:db8::1');
    expect('range' in v4 && v4.range[1]).toBe(32);
    expect('range' in v6 && v6.range[1]).toBe(128);
  });
});
