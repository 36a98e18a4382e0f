/**
 * TRUSTED_PROXIES' ranges, read and matched by the signer's own code — held to ipaddr.js (a dev dependency
 * here, the signer's own until issue 14 took it out of the Worker bundle) over generated addresses and ranges.
 */
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { normalizeIp } from '../../../signer/http/client-ip.ts';
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

  it('reads ::a.b.c.d as IPv4-compatible (RFC 4291), not as IPv4-mapped as ipaddr.js does', () => {
    expect(proxyMatcher(['::0.0.0.0/81'])('::1')).toBe(true);
    expect(proxyMatcher(['::1.2.3.4'])('::102:304')).toBe(true);
    expect(proxyMatcher(['::1.2.3.4'])('1.2.3.4')).toBe(false);
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
    expect('range' in v4 && v4.range.prefix).toBe(32);
    expect('range' in v6 && v6.range.prefix).toBe(128);
  });
});

// ---- the same answers as ipaddr.js --------------------------------------------------------------------

/**
 * ipaddr.js reads exactly `::a.b.c.d` as IPv4-mapped (`::ffff:a.b.c.d`); RFC 4291 §2.5.5.1 and the URL
 * parser read it as IPv4-compatible (`::102:304`), as the signer does — so the reference is told the same.
 */
const parseAsRfc = (text: string) => ipaddr.parse(/^::\d+\.\d+\.\d+\.\d+$/.test(text) ? new URL(`http://[${text}]/`).hostname.slice(1, -1) : text);

/** What the signer accepted when ipaddr.js read TRUSTED_PROXIES (the spellings held stricter than ipaddr's). */
function ipaddrRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  const [address = '', bits, ...rest] = text.split('/');
  const strict = ipaddr.IPv4.isValidFourPartDecimal(address) || (!address.includes('%') && ipaddr.IPv6.isValid(address) && !ipaddr.IPv4.isValid(address));
  if (rest.length || !strict || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return undefined;
  const parsed = parseAsRfc(address);
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  return prefix > max || prefix === 0 ? undefined : [parsed, prefix];
}
const ipaddrMatches = (address: string, ranges: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>) => {
  if (!ipaddr.isValid(address)) return false;
  const read = parseAsRfc(address);
  const parsed = read.kind() === 'ipv6' && (read as ipaddr.IPv6).isIPv4MappedAddress() ? (read as ipaddr.IPv6).toIPv4Address() : read;
  return ranges.some((range) => parsed.kind() === range[0].kind() && parsed.match(range));
};

const v4 = fc.oneof(fc.ipV4(), fc.constantFrom('10.0.0.1', '10.255.255.255', '192.168.1.7', '0.0.0.0', '255.255.255.255'));
const v6 = fc.oneof(fc.ipV6(), fc.constantFrom('::1', '::', '2001:db8::1', 'fe80::1', '2001:DB8:FFFF::9'));
const mapped = v4.map((address) => `::ffff:${address}`);
/** Addresses near each other, so ranges of every length both match and miss. */
const nearby = fc.tuple(fc.constantFrom('10.0.', '10.1.', '192.168.1.', '2001:db8:ffff:', '2001:db8:fffe:', '::ffff:10.0.'), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(
  ([head, a, b]) => (head.includes(':') && !head.startsWith('::ffff') ? `${head}${a.toString(16)}::${b.toString(16)}` : `${head}${a}.${b}`),
);
const address = fc.oneof(v4, v6, mapped, nearby);
const spelling = fc.oneof(
  address,
  fc.tuple(address, fc.integer({ min: 0, max: 130 })).map(([at, bits]) => `${at}/${bits}`),
  fc.constantFrom('10.1', '0x0a.0.0.1', '010.0.0.1', '10.0.0.256', 'fe80::1%eth0', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:', '1:2:3:4:5:6:7:8::', '::1.2.3.4', '::ffff:1.2.3', '10.0.0.0/08', '10.0.0.0/', '/8', '', '::/128', 'a:b:c:d:e:f:0:1/64'),
  fc.stringMatching(/^[0-9a-fA-F:.\/x%]{0,24}$/),
);

describe('the same answers as ipaddr.js', () => {
  it('accepts and refuses the same TRUSTED_PROXIES entries, with the same prefix', () => {
    fc.assert(
      fc.property(spelling, (text) => {
        const ours = parseProxyRange(text);
        const theirs = ipaddrRange(text);
        expect('range' in ours, text).toBe(theirs !== undefined);
        if ('range' in ours) expect([ours.range.kind, ours.range.prefix]).toEqual([theirs![0].kind(), theirs![1]]);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the same addresses against the same ranges', () => {
    const validRanges = fc.array(spelling.filter((text) => ipaddrRange(text) !== undefined), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(validRanges, fc.array(address, { minLength: 1, maxLength: 8 }), (entries, addresses) => {
        const ours = proxyMatcher(entries);
        const theirs = entries.map((entry) => ipaddrRange(entry)!);
        for (const raw of addresses) {
          // The signer asks about addresses as normalizeIp writes them (socket and X-Forwarded-For alike).
          const canonical = normalizeIp(raw) ?? raw;
          expect(ours(canonical), `${canonical} in ${entries.join(', ')}`).toBe(ipaddrMatches(canonical, theirs));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
