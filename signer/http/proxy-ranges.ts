/**
 * `TRUSTED_PROXIES`: the addresses (IPs or CIDR ranges, IPv4 and IPv6) of the dealer's own proxies, whose
 * `X-Forwarded-For` entries the signer believes. Parsing and matching are ipaddr.js's (pure JavaScript: the
 * same code on Node, Deno, Bun and Workers); only the spellings are held stricter here — four-part decimal
 * IPv4, no zone ids — so `10.1` or `0x0a.0.0.1` cannot mean something the dealer did not read.
 * @see https://github.com/whitequark/ipaddr.js
 */
import ipaddr from 'ipaddr.js';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * One entry of `TRUSTED_PROXIES` as a range (a single address is a /32 or /128), or the reason it is not one.
 * @example parseProxyRange('10.0.0.0/8') // { range: [IPv4 10.0.0.0, 8] }
 * @example parseProxyRange('0.0.0.0/0') // { problem: 'trusts every address …' }
 */
export function parseProxyRange(text: string): { range: Range } | { problem: string } {
  const [address = '', bits, ...rest] = text.split('/');
  if (rest.length || !isStrictAddress(address) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) {
    return { problem: 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.' };
  }
  const parsed = ipaddr.parse(address);
  const max = parsed.kind() === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return { problem: `has a prefix longer than ${max} bits.` };
  // The retired TRUST_PROXY=true, under another name: anyone could then choose their own address.
  if (prefix === 0) return { problem: 'trusts every address: list only your own proxies.' };
  return { range: [parsed, prefix] };
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
  return (address) => {
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return ranges.some((range) => parsed.kind() === range[0].kind() && parsed.match(range));
  };
}

function isStrictAddress(text: string): boolean {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return true;
  return !text.includes('%') && ipaddr.IPv6.isValid(text) && !ipaddr.IPv4.isValid(text);
}
