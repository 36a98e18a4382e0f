/**
 * `PUBLIC_HOST`: the address of this computer that a phone on the same network can open, as `npm start`
 * reads it. Pure: the caller passes the setting and this computer's network addresses in.
 */

export type PublicHost = { host: string } | { problem: string };

/**
 * Reads `PUBLIC_HOST`: a host name or an IP address (IPv6 with or without brackets), nothing else.
 * `host` comes back as it is written in a URL (lower case, IPv6 in brackets).
 * @example parsePublicHost('192.168.1.20', []) // { host: '192.168.1.20' }
 * @example parsePublicHost('http://192.168.1.20:5173', []) // { problem: 'PUBLIC_HOST is … without "http://" …' }
 */
export function parsePublicHost(raw: string, addresses: readonly string[]): PublicHost {
  const text = raw.trim();
  const got = `(got "${raw}")`;
  const takes = 'PUBLIC_HOST takes a host name or an IP address';
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) return { problem: `${takes}, without "${text.split('//')[0]}//" ${got}: e.g. ${setting(addresses)}.` };
  if (/^[^:[\]]+:\d*$|^\[[^\]]*\]:\d*$/.test(text)) {
    return { problem: `${takes}, without a port ${got}: the ports are DEMO_PORT and SANDBOX_PORT.` };
  }
  const written = text.includes(':') && !text.startsWith('[') ? `[${text}]` : text;
  const hostname = urlHostname(written);
  // The URL parser normalises what it accepts; anything it changed (a path, a user, octal digits) was not a plain host.
  if (!hostname || hostname !== written.toLowerCase()) return { problem: `${takes} that a phone on the same network can open ${got}: e.g. ${setting(addresses)}.` };
  if (hostname === '0.0.0.0' || hostname === '[::]') {
    return { problem: `PUBLIC_HOST=${text} means "every interface", which is where to listen, not an address to open: use ${example(addresses)}.` };
  }
  if (isLoopback(hostname)) {
    return { problem: `PUBLIC_HOST=${text} is this computer's loopback address, which a phone cannot open: use ${example(addresses)}, or leave PUBLIC_HOST unset.` };
  }
  return { host: hostname };
}

/**
 * A warning when PUBLIC_HOST is an IP address this computer does not have (a typo, or the Wi-Fi changed).
 * Not a refusal: behind a VM or a container's port forwarding the address is rightly someone else's.
 */
export function publicHostWarning(host: string, addresses: readonly string[]): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  const isIp = /^[\d.]+$/.test(bare) || bare.includes(':');
  if (!isIp || addresses.length === 0 || addresses.some((address) => address.toLowerCase() === bare)) return undefined;
  return `PUBLIC_HOST=${bare} is not an address of this computer (its addresses: ${addresses.join(', ')}): a phone may not reach the demo there.`;
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1, as URL hostnames. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

function urlHostname(written: string): string | undefined {
  try {
    const url = new URL(`http://${written}/`);
    return url.port === '' && url.pathname === '/' && !url.username ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

function example(addresses: readonly string[]): string {
  return `this computer's address on the network (${addresses.length ? addresses.map((address) => `PUBLIC_HOST=${address}`).join(' or ') : 'e.g. 192.168.1.20'})`;
}

function setting(addresses: readonly string[]): string {
  return `PUBLIC_HOST=${addresses[0] ?? '192.168.1.20'}`;
}
