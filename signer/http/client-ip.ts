/**
 * Who is calling: the client address the per-IP limit counts, read the way docs/design.md ("Runtimes") fixes it.
 * - Node, Deno, Bun: the socket's address. `X-Forwarded-For` counts only when the socket is one of
 *   `TRUSTED_PROXIES` — the dealer's own proxies — and then the client is the right-most entry that is not
 *   one of them: each trusted proxy appended the address it saw, and everything left of the first untrusted
 *   hop is whatever the client typed, so trusting it would let anyone dodge the limit with a made-up header.
 * - Workers: `CF-Connecting-IP`, which Cloudflare sets and a client cannot.
 * Runtime-neutral: no `node:net`; the entry file passes in how to read the socket.
 */
import type { Context } from 'hono';
import { parseIPv4, parseIPv6 } from './ip-address.ts';
import { proxyMatcher } from './proxy-ranges.ts';

/** Reads the client address of a request, or `undefined` when the runtime cannot tell. */
export type ClientIpReader = (c: Context) => string | undefined;

/**
 * The reader of the Node, Deno and Bun entries: `socketAddress` is how their runtime tells the peer's address.
 * @example clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => getConnInfo(c).remote.address })
 */
export function clientIpReader(options: { trustedProxies: readonly string[]; socketAddress: ClientIpReader }): ClientIpReader {
  if (!options.trustedProxies.length) return options.socketAddress;
  const isTrusted = proxyMatcher(options.trustedProxies);
  return (c) => clientBehindProxies(options.socketAddress(c), c.req.header('X-Forwarded-For'), isTrusted);
}

/**
 * Walks from the socket leftwards through `X-Forwarded-For` (several headers arrive joined by commas) while
 * the hop is a trusted proxy; the first hop that is not is the client. When every hop is trusted, the
 * left-most is. An entry that is not an address stops the walk at the last hop known (a proxy of ours wrote
 * garbage: count the proxy, never an entry further left).
 * @example clientBehindProxies('10.0.0.2', '198.51.100.7, 203.0.113.9, 10.0.0.1', (ip) => ip.startsWith('10.')) // '203.0.113.9'
 */
export function clientBehindProxies(socket: string | undefined, forwardedFor: string | undefined, isTrusted: (ip: string) => boolean): string | undefined {
  let nearest = socket === undefined ? undefined : normalizeIp(socket);
  if (nearest === undefined || !isTrusted(nearest)) return socket;
  const hops = forwardedFor ? forwardedFor.split(',') : [];
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = normalizeIp(hops[index]!);
    if (hop === undefined) return nearest;
    if (!isTrusted(hop)) return hop;
    nearest = hop;
  }
  return nearest;
}

/**
 * A canonical address, or `undefined` when the text is not one: IPv4 dotted quad, IPv6 in lower-case
 * full form; brackets, ports and zone ids dropped; IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack
 * Node socket reports) turned back into IPv4 so both spellings share one counter.
 * @example normalizeIp('[2001:DB8::1]:443') // '2001:db8:0:0:0:0:0:1'
 */
export function normalizeIp(raw: string): string | undefined {
  let text = raw.trim();
  if (text.length > 64) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':')); // "1.2.3.4:5678"
  text = text.replace(/%[\w.-]+$/, ''); // zone id: fe80::1%eth0

  const v4 = parseIPv4(text);
  if (v4) return v4.join('.');
  const v6 = parseIPv6(text);
  if (!v6) return undefined;
  const mapped = v6.slice(0, 5).every((group) => group === 0) && v6[5] === 0xffff;
  if (mapped) return [v6[6]! >> 8, v6[6]! & 0xff, v6[7]! >> 8, v6[7]! & 0xff].join('.');
  return v6.map((group) => group.toString(16)).join(':');
}

/**
 * The counter key of an address. An IPv6 customer usually holds a whole /64 and can pick any address in
 * it, so IPv6 counts per /64; an address nobody could read shares one `unknown` counter (stricter, never
 * unlimited).
 * @example ipLimitKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function ipLimitKey(ip: string | undefined): string {
  const canonical = ip === undefined ? undefined : normalizeIp(ip);
  if (!canonical) return 'unknown';
  if (!canonical.includes(':')) return canonical;
  return `${canonical.split(':').slice(0, 4).join(':')}::/64`;
}
