/**
 * What an operator counts: sessions created and texts sent per site (what the dealer pays for), refusals
 * per code, and PAVE calls — how long, how they ended, how many are in flight. The app speaks to a small
 * `Metrics` interface (none by default: nothing is counted, so Workers and tests pay nothing); the Node entry fills it with
 * prom-client (`signer/node-metrics.ts`) and `/metrics` serves its text to `Authorization: Bearer
 * <METRICS_TOKEN>`. Runtime-neutral: Web standards only.
 *
 * The routes need no hooks: a finished request is counted from its request-log line (route, status, site,
 * delivery, replayed), and PAVE calls where `timeUpstream` already times them.
 */
import type { Handler } from 'hono';
import { unauthorized } from '../errors.ts';
import { equalBytes, utf8, webCryptoHashing, type Hashing } from '../pave/hashing.ts';

/** Which signer route a PAVE call served. */
export type PaveCallRoute = 'create' | 'status' | 'resend';
/** How a PAVE call ended: PAVE's 2xx, its 4xx, a 5xx / garbage / failed connection, or no answer in time. */
export type PaveCallOutcome = 'ok' | 'rejected' | 'unavailable' | 'timeout';

export interface Metrics {
  /** A new session (never a replayed answer). */
  sessionCreated(site: string, delivery: 'link' | 'sms'): void;
  /** PAVE accepted to text the link: by a create, or a resend. */
  textSent(site: string, kind: 'create' | 'resend'): void;
  /** An answer with the contract's error `code` (4xx and 5xx). */
  refused(code: string): void;
  /** A PAVE call starts; the function it returns is called once, as it ends. */
  paveCallStarted(route: PaveCallRoute): (outcome: PaveCallOutcome, seconds: number) => void;
  /** The exposition `/metrics` answers with; an implementation without one serves no `/metrics`. */
  render?(): Promise<{ contentType: string; body: string }>;
}

const PAVE_CALL_ROUTES: Record<string, PaveCallRoute> = {
  'POST /v1/sessions': 'create',
  'GET /v1/sessions/:key/status': 'status',
  'POST /v1/sessions/:key/resend': 'resend',
};

/** The signer route a PAVE call is made for, from the request's method and route pattern. */
export function paveCallRoute(method: string, route: string): PaveCallRoute | undefined {
  return PAVE_CALL_ROUTES[`${method} ${route}`];
}

/** What `countRequest` reads of a request's log line (`LogLine` of request-log.ts has all of it). */
export interface CountedLine {
  method: string;
  route: string;
  status: number;
  error?: string;
  site?: string;
  delivery?: 'link' | 'sms';
  replayed?: boolean;
}

/**
 * What a finished request counts for, read from its log line.
 * @example countRequest(metrics, { method: 'POST', route: '/v1/sessions', status: 201, site: 'a', delivery: 'sms', replayed: false, … }) // a session and a text for site "a"
 */
export function countRequest(metrics: Metrics, line: CountedLine): void {
  if (line.error) metrics.refused(line.error);
  if (line.replayed || line.site === undefined) return;
  const route = paveCallRoute(line.method, line.route);
  if (route === 'create' && line.status === 201 && line.delivery) {
    metrics.sessionCreated(line.site, line.delivery);
    if (line.delivery === 'sms') metrics.textSent(line.site, 'create');
  } else if (route === 'resend' && line.status === 200) {
    metrics.textSent(line.site, 'resend');
  }
}

/**
 * `GET /metrics`: the exposition, for `Authorization: Bearer <token>` only — `401 unauthorized` (with
 * `WWW-Authenticate: Bearer`) otherwise. The token is compared as SHA-256 digests in constant time, so
 * neither its length nor where a guess differs shows in the timing.
 * @example app.get('/metrics', metricsEndpoint({ token: config.metricsToken, render: metrics.render }))
 */
export function metricsEndpoint(options: { token: string; render: NonNullable<Metrics['render']>; hashing?: Hashing }): Handler {
  const hashing = options.hashing ?? webCryptoHashing;
  let expected: Promise<Uint8Array> | undefined;
  return async (c) => {
    expected ??= Promise.resolve(hashing.sha256(utf8(options.token)));
    const given = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '')?.[1] ?? '';
    if (!equalBytes(await hashing.sha256(utf8(given)), await expected)) throw unauthorized();
    const { contentType, body } = await options.render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  };
}
