/**
 * PAVE's two ways of authenticating, as middleware that names the caller's account for the routes:
 * v1's HMAC headers (checked by verify.ts) and v2's `API-Access-Token` (the API key alone, rules.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { MESSAGES, RESEND } from '../rules.ts';
import { verifyPaveAuth, type SandboxAccount } from '../verify.ts';

/** What the auth middleware hands the PAVE routes: the account that called. */
export type SandboxEnv = { Variables: { account: SandboxAccount } };

/**
 * v1: `API-Key`, `API-Timestamp` and the HMAC `API-Token`; anything wrong is `401 {"message"}`.
 * @example app.use('/v1/*', hmacAuth(accounts, now));
 */
export function hmacAuth(accounts: readonly SandboxAccount[], now: () => Date): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const auth = verifyPaveAuth(c.req.raw.headers, accounts, now());
    if (!auth.ok) return c.json({ message: auth.message }, 401);
    c.set('account', auth.account);
    await next();
  };
}

/**
 * v2 authenticates with the API key alone, as documented (rules.ts); the v1 headers do not count.
 * @example app.use('/v2/*', accessTokenAuth(accounts));
 */
export function accessTokenAuth(accounts: readonly SandboxAccount[]): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const token = c.req.header(RESEND.authHeader);
    const account = accounts.find((candidate) => candidate.apiKey === token);
    if (!token || !account) return c.json({ message: MESSAGES.unauthenticated }, 401);
    c.set('account', account);
    await next();
  };
}
