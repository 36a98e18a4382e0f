/**
 * The per-IP gates: the first defence of every route under `/v1/sessions`, after the origin check and
 * before the body is read or a ticket checked, so a flood from one address costs a counter lookup and
 * nothing more.
 * - `ipGate` (create): refuses a caller already at its `RATE_LIMIT_IP` ceiling, but spends nothing — the
 *   hit is taken by `admit`, with the other ceilings, only when the create passed every check and goes to
 *   PAVE, so a refused request (a 400, a number over its ceiling) costs the caller nothing.
 * - `followUpGate` (status, resend): counts every call against `RATE_LIMIT_FOLLOW_UP_IP`, before the
 *   ticket is checked and before any PAVE call.
 */
import type { MiddlewareHandler } from 'hono';
import type { SignerConfig } from '../config/environment.ts';
import type { SiteConfig } from '../config/settings.ts';
import type { ClientIpReader } from '../http/client-ip.ts';
import { followUpIpCheck, ipCheck, type Limiter } from './limits.ts';

interface GateOptions {
  config: SignerConfig;
  limiter: Limiter;
  clientIp?: ClientIpReader;
}

/**
 * @example app.post('/v1/sessions', ipGate({ config, limiter, clientIp }), …)
 */
export function ipGate(options: GateOptions): MiddlewareHandler {
  const perMinute = ceilingByOrigin(options.config, (limits) => limits.ipPerMinute);
  return async (c, next) => {
    await options.limiter.check([ipCheck(options.clientIp?.(c), perMinute(c.req.header('Origin')))]);
    await next();
  };
}

/**
 * @example app.get('/v1/sessions/:key/status', followUpGate({ config, limiter, clientIp }), …)
 */
export function followUpGate(options: GateOptions): MiddlewareHandler {
  const perMinute = ceilingByOrigin(options.config, (limits) => limits.followUpIpPerMinute);
  return async (c, next) => {
    await options.limiter.enforce([followUpIpCheck(options.clientIp?.(c), perMinute(c.req.header('Origin')))]);
    await next();
  };
}

/**
 * The site is named in the body (or proven by the ticket), which a gate must not read yet: the page's
 * origin says which site(s) it can be. An origin shared by several sites gets the most generous of their
 * ceilings; a request without an origin (a same-origin read) the strictest.
 */
function ceilingByOrigin(config: SignerConfig, ceiling: (limits: SiteConfig['limits']) => number): (origin: string | undefined) => number {
  const sites = [...config.sites.values()];
  const byOrigin = new Map<string, number>();
  for (const site of sites) {
    for (const origin of site.allowedOrigins) byOrigin.set(origin, Math.max(byOrigin.get(origin) ?? 0, ceiling(site.limits)));
  }
  const strictest = Math.min(...sites.map((site) => ceiling(site.limits)));
  return (origin) => byOrigin.get(origin ?? '') ?? strictest;
}
