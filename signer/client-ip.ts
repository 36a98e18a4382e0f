/**
 * The client's IP for rate limits and idempotency fingerprints. Entries pass what their runtime knows
 * (the socket's address); `X-Forwarded-For` counts only with `TRUST_PROXY=true`, behind a proxy the
 * dealer runs — otherwise anyone could pick their own IP by sending the header.
 */
import type { Context } from 'hono';

/**
 * @example app = createApp({ config, clientIp: clientIpFrom(config.trustProxy, (c) => getConnInfo(c).remote.address) })
 */
export function clientIpFrom(trustProxy: boolean, socketIp: (c: Context) => string | undefined): (c: Context) => string | undefined {
  if (!trustProxy) return socketIp;
  return (c) => {
    // The proxy appends the address it saw: the last entry is the one our own proxy vouches for.
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').map((part) => part.trim()).filter(Boolean);
    return forwarded?.at(-1) ?? socketIp(c);
  };
}
