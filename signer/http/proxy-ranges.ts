/**
 * `TRUSTED_PROXIES`: the addresses (IPs or CIDR ranges, IPv4 and IPv6) of the dealer's own proxies, whose
 * `X-Forwarded-For` entries the signer believes. Read with the signer's strict parsers (`ip-address.ts`:
 * four-part decimal IPv4, no zone ids, so `10.1` or `0x0a.0.0.1` cannot mean something the dealer did not
 * read) and matched bit by bit over the address's octets or 16-bit groups: the same code on Node, Deno,
 * Bun and Workers, and nothing to bundle (it was ipaddr.js, 4 KB gz of the Worker: issue 14).
 * `test/signer/http/proxy-ranges.test.ts` holds both the reading and the matching to ipaddr.js's answers.
 */
import { parseIPv4, parseIPv6 } from './ip-address.ts';

/** An address as its parts (4 octets or 8 groups of 16 bits), and how many leading bits a range fixes. */
export interface ProxyRange {
  kind: 'ipv4' | 'ipv6';
  parts: number[];
  prefix: number;
}

const BITS = { ipv4: 8, ipv6: 16 } as const;

/** An address as it is spelled: IPv4, or IPv6 (an IPv4-mapped one stays IPv6, as a range). */
function addressOf(text: string): Pick<ProxyRange, 'kind' | 'parts'> | undefined {
  const v4 = parseIPv4(text);
  if (v4) return { kind: 'ipv4', parts: v4 };
  const v6 = parseIPv6(text);
  return v6 && { kind: 'ipv6', parts: v6 };
}

/**
 * One entry of `TRUSTED_PROXIES` as a range (a single address is a /32 or /128), or the reason it is not one.
 * @example parseProxyRange('10.0.0.0/8') // { range: { kind: 'ipv4', parts: [10, 0, 0, 0], prefix: 8 } }
 * @example parseProxyRange('0.0.0.0/0') // { problem: 'trusts every address …' }
 */
export function parseProxyRange(text: string): { range: ProxyRange } | { problem: string } {
  const [address = '', bits, ...rest] = text.split('/');
  const parsed = addressOf(address);
  if (rest.length || !parsed || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
    return { problem: 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.' };
  }
  const max = parsed.kind === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return { problem: `has a prefix longer than ${max} bits.` };
  // The retired TRUST_PROXY=true, under another name: anyone could then choose their own address.
  if (prefix === 0) return { problem: 'trusts every address: list only your own proxies.' };
  return { range: { ...parsed, prefix } };
}

/** Whether the first `prefix` bits of two addresses of one kind agree. */
function sharesPrefix(parts: readonly number[], range: ProxyRange): boolean {
  const width = BITS[range.kind];
  for (let index = 0, left = range.prefix; left > 0; index++, left -= width) {
    const mask = left >= width ? (1 << width) - 1 : ((1 << width) - 1) ^ ((1 << (width - left)) - 1);
    if ((parts[index]! & mask) !== (range.parts[index]! & mask)) return false;
  }
  return true;
}

/**
 * Whether an address (bare, as `normalizeIp` gives it) is in one of the ranges. An IPv4-mapped IPv6
 * address (`::ffff:10.0.0.1`, what a dual-stack socket reports) matches IPv4 ranges.
 * @example proxyMatcher(['10.0.0.0/8'])('::ffff:10.1.2.3') // true
 */
export function proxyMatcher(entries: readonly string[]): (address: string) => boolean {
  const ranges = entries.map((entry) => {
    const result = parseProxyRange(entry);
    if ('problem' in result) throw new Error(`TRUSTED_PROXIES: ${JSON.stringify(entry)} ${result.problem}`);
    return result.range;
  });
  return (text) => {
    let address = addressOf(text);
    if (!address) return false;
    const [a, b, c, d, e, f, g, h] = address.parts;
    if (address.kind === 'ipv6' && a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
      address = { kind: 'ipv4', parts: [g! >> 8, g! & 0xff, h! >> 8, h! & 0xff] };
    }
    const { kind, parts } = address;
    return ranges.some((range) => range.kind === kind && sharesPrefix(parts, range));
  };
}
