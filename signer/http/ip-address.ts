/**
 * The strict address parsers the signer reads every IP with — the client's, `X-Forwarded-For`'s hops and
 * `TRUSTED_PROXIES` — on every runtime: IPv4 only as four decimal parts without leading zeros (so `10.1`,
 * `0x0a.0.0.1` or `010.0.0.1` mean nothing instead of something the reader did not expect), IPv6 as eight
 * 16-bit groups with at most one `::` and maybe a dotted IPv4 tail; no zone ids, no brackets or ports
 * (`normalizeIp` in `client-ip.ts` takes those off first).
 */

/** Four octets, or `undefined`. */
export function parseIPv4(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map((part) => (part.length > 1 && part.startsWith('0') ? NaN : Number(part)));
  return octets.every((octet) => octet >= 0 && octet <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or `undefined`. Accepts one `::` and a dotted IPv4 as the last part. */
export function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2 || (halves.length === 2 && halves[0]!.includes('.'))) return undefined;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

function groupsOf(part: string): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    if (index === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIPv4(piece);
      if (!v4) return undefined;
      groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}
