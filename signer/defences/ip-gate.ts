/**
 * The per-IP gate: the first defence on `POST /v1/sessions`, after the origin check and before the body is
 * read, so a flood from one address costs a counter lookup and nothing more.
 */
import type { MiddlewareHandler } from 'hono';
import type { SignerConfig } from '../config/environment.ts';
import type { ClientIpReader } from '../http/client-ip.ts';
import { ipCheck, type Limiter } from './limits.ts';

/**
 * @example app.post('/v1/sessions', ipGate({ config, limiter, clientIp }), …)
 */
export function ipGate(options: { config: SignerConfig; limiter: Limiter; clientIp?: ClientIpReader }): MiddlewareHandler {
  // The site is named in the body, which this gate must not read yet: the page's origin says which
  // site(s) it can be. An origin shared by several sites gets the most generous of their IP ceilings.
  const sites = [...options.config.sites.values()];
  const ipPerMinute = new Map<string, number>();
  for (const site of sites) {
    for (const origin of site.allowedOrigins) ipPerMinute.set(origin, Math.max(ipPerMinute.get(origin) ?? 0, site.limits.ipPerMinute));
  }
  const strictest = Math.min(...sites.map((site) => site.limits.ipPerMinute));

  return async (c, next) => {
    const perMinute = ipPerMinute.get(c.req.header('Origin') ?? '') ?? strictest;
    await options.limiter.enforce([ipCheck(options.clientIp?.(c), perMinute)]);
    await next();
  };
}
