/**
 * The two apps every speed figure compares, built the same way for the load test (one process each)
 * and the in-process latency figure:
 * - the real signer (`createApp`: origin check, body limit, validation, site rules, payload mapping,
 *   HMAC signing, PAVE client, ticket) wired to a PAVE that answers instantly, and
 * - a bare Hono app answering a fixed JSON — the baseline: what the same server stack costs anyway.
 */
import type { Context, Hono } from 'hono';
import { createApp } from '../signer/app.ts';
import { nodeHashing } from '../signer/node-hashing.ts';
import { loadConfig } from '../signer/config/environment.ts';
import type { Env } from '../signer/config/settings.ts';
import type { LogWriter } from '../signer/http/request-log.ts';

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
 * A PAVE that answers every Create Session at once with a valid 201 session body (a fresh key each
 * time), so the signer runs its whole path: sign, call, parse PAVE's answer, mint the ticket.
 * It checks nothing: the figures measure the signer, not a verifier.
 */
export function instantPave(): typeof fetch {
  let count = 0;
  return async () => {
    count += 1;
    const key = `BNC-${count.toString(36).toUpperCase().padStart(10, '0')}`;
    const session = {
      session_key: key,
      capture_url: `https://bench.vehiclecapture.com/${key}`,
      status: 'IDLE',
      theme: 'PRO',
      active: true,
      created_at: '2026-11-28T10:00:00.000000Z',
      updated_at: '2026-11-28T10:00:00.000000Z',
    };
    return new Response(JSON.stringify(session), { status: 201, headers: { 'Content-Type': 'application/json' } });
  };
}

/** The real signer, as `signer/node.ts` builds it, with `instantPave` in place of PAVE. */
export function createSignerSubject(clientIp?: (c: Context) => string | undefined, log?: LogWriter): Hono {
  return createApp({ config: loadConfig(benchEnv), fetch: instantPave(), clientIp, hashing: nodeHashing, log });
}
