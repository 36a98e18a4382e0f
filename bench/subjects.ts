/**
 * What the speed figures share: the request every figure sends, the signer's bench environment, and
 * for the in-process latency figure the real signer (`createApp`: origin check, body limit, validation,
 * site rules, payload mapping, HMAC signing, PAVE client, ticket) wired to a PAVE in the same process,
 * next to the bare Hono app. (The throughput figure runs `signer/node.ts` itself against the PAVE
 * stand-in over HTTP: see throughput.ts.)
 */
import type { Context, Hono } from 'hono';
import { createApp } from '../signer/app.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { loadConfig } from '../signer/config/environment.ts';
import type { Env } from '../signer/config/settings.ts';
import type { LogWriter } from '../signer/http/request-log.ts';
import { standInSession } from './pave-stand-in.ts';

export { createBareSubject } from './bare-app.ts';

export const BENCH_ORIGIN = 'https://www.dealer.example';

/** What the widget sends for a "show me the link" with a VIN: the path every figure measures. */
export const LINK_REQUEST = { delivery: 'link', vin: '1HGCM82633A004352' } as const;
/** A texted link: adds the phone number parsing (libphonenumber) to the path. */
export const SMS_REQUEST = { delivery: 'sms', phone: '(202) 555-0143', name: 'Ada' } as const;

export const REQUEST_HEADERS = { Origin: BENCH_ORIGIN, 'Content-Type': 'application/json' } as const;

/**
 * The signer's environment. Rate limits sit at their ceiling so the figures measure the request path,
 * not the limiter refusing (one client IP sends every request of a load test).
 */
export const benchEnv: Env = {
  PAVE_API_URL: 'https://pave.bench.invalid',
  PAVE_USERNAME: 'bench',
  PAVE_API_KEY: 'bench_key',
  PAVE_API_SECRET: 'bench_secret_not_used_anywhere_else',
  ALLOWED_ORIGINS: BENCH_ORIGIN,
  DEFAULT_COUNTRY: 'US',
  SMS_COUNTRIES: 'US,CA',
  PAVE_DEALER_NAME: 'Main Street Motors',
  PAVE_SMS_FROM: '+16475550100',
  PAVE_REDIRECT_URL: 'https://www.dealer.example/thanks',
  RATE_LIMIT_IP: '1000000',
  RATE_LIMIT_PHONE: '1000000',
  RATE_LIMIT_SITE: '1000000',
  // The per-day ceiling's maximum; a bench run creates well under this many sessions per process.
  RATE_LIMIT_SITE_DAY: '100000',
};

/**
 * A PAVE in the same process (no socket), for the in-process latency figure: every Create Session
 * answered at once with the stand-in's valid 201 session (a fresh key each time), so the signer runs its
 * whole path: sign, call, parse PAVE's answer, mint the ticket. It checks nothing.
 */
export function instantPave(): typeof fetch {
  let count = 0;
  return async () => new Response(standInSession((count += 1)), { status: 201, headers: { 'Content-Type': 'application/json' } });
}

/** The real signer, as `signer/node.ts` builds it, with `instantPave` in place of PAVE. */
export function createSignerSubject(clientIp?: (c: Context) => string | undefined, log?: LogWriter): Hono {
  return createApp({ config: loadConfig(benchEnv), fetch: instantPave(), clientIp, hashing: nodeHashing, log });
}
