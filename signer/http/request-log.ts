/**
 * One structured JSON line per request: request id, site, route, status, durations (total and PAVE's),
 * and what helps support a customer — the phone masked, the VIN cut to its maker and last four, never a
 * secret, a ticket or a full number. Routes add fields with `annotate`; the line is written once, at the end.
 *
 * A refusal (4xx) is written as the first of its cause in an interval, then counted (see `log-summary.ts`),
 * so a flood of refused requests writes a couple of lines, not one each. Every line also feeds the metrics.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { PaveOutcome } from '../pave/client.ts';
import { SignerError } from '../errors.ts';
import type { LineBatch } from './line-batch.ts';
import type { LogSummary } from './log-summary.ts';
import { countRequest, paveCallRoute, type Metrics } from './metrics.ts';

/** What routes may add to the line. Only masked values: see `maskVin` and `maskE164`. */
interface LogFields {
  site?: string;
  delivery?: 'link' | 'sms';
  /** Masked, e.g. `+1 ••• ••• 4567`. */
  phone?: string;
  /** Masked, e.g. `1HG**********4352`. */
  vin?: string;
  session_key?: string;
  /** How repeats were recognised: the `Idempotency-Key` header, or the site + phone + VIN fingerprint. */
  idempotency?: 'key' | 'fingerprint';
  replayed?: boolean;
  /** Milliseconds spent waiting for PAVE, over every call of this request. */
  upstream_ms?: number;
  upstream_calls?: number;
  /** The last PAVE call's HTTP status, or `timeout` / `unavailable` when there was none. */
  upstream_status?: number | 'timeout' | 'unavailable';
}

export interface LogLine extends LogFields {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: 'request';
  request_id: string;
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  /** The contract's error code, when the answer is one. */
  error?: string;
}

export type LogWriter = (line: LogLine) => void;

declare module 'hono' {
  /** What `requestLog` puts in every request's context. */
  interface ContextVariableMap {
    requestId: string;
    log: LogFields;
    metrics: Metrics;
  }
}

const writeJsonLine: LogWriter = (line) => console.log(JSON.stringify(line));

/**
 * Request lines as JSON into a batch, written once per event-loop turn (the Node entry's writer).
 * @example createApp({ config, log: batchedRequestLines(lineBatch((text) => process.stdout.write(text), setImmediate)) })
 */
export function batchedRequestLines(batch: LineBatch): LogWriter {
  return (line) => batch.push(JSON.stringify(line));
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

interface RequestLogOptions {
  write?: LogWriter;
  now?: () => Date;
  /** Where refusals are summarised by cause; without one, every line is written. */
  summary?: LogSummary;
  /** What each request and PAVE call counts for; nothing by default. */
  metrics?: Metrics;
}

/**
 * @example app.use(requestLog({ write: (line) => lines.push(line) }))
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler {
  const write = options.write ?? writeJsonLine;
  const now = options.now ?? (() => new Date());
  const { metrics } = options;
  return async (c, next) => {
    const started = performance.now();
    // A proxy's id is kept when it looks like one, so lines join up across hops.
    const incoming = c.req.header('X-Request-Id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const fields: LogFields = {};
    c.set('requestId', requestId);
    c.set('log', fields);
    if (metrics) c.set('metrics', metrics);
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    const status = c.res.status;
    // The contract's code: from the error Hono handled, else from the envelope a middleware answered with.
    const error = c.error instanceof SignerError ? c.error.code : status >= 400 ? await errorCodeOf(c.res) : undefined;
    const line: LogLine = {
      time: now().toISOString(),
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      request_id: requestId,
      method: c.req.method,
      route: routeOf(c),
      status,
      duration_ms: Math.round(performance.now() - started),
      ...fields,
      ...(error ? { error } : {}),
    };
    const writeLine = () => {
      try {
        write(line);
      } catch {
        // A broken log sink must not break the answer.
      }
    };
    if (options.summary && status >= 400 && status < 500) {
      const cause = { kind: 'request', level: line.level, method: line.method, route: line.route, status, error: line.error, site: line.site };
      options.summary.note(`request ${line.method} ${line.route} ${status} ${line.error ?? ''} ${line.site ?? ''}`, cause, writeLine);
    } else {
      writeLine();
    }
    try {
      if (metrics) countRequest(metrics, line);
    } catch {
      // Nor a broken metrics sink.
    }
  };
}

/** Adds fields to this request's line. */
export function annotate(c: Context, fields: LogFields): void {
  const log: LogFields | undefined = c.get('log');
  if (log) Object.assign(log, fields);
}

/** Runs one PAVE call and adds its duration and outcome to the line, and to the metrics. */
export async function timeUpstream<T>(c: Context, call: () => Promise<PaveOutcome<T>>): Promise<PaveOutcome<T>> {
  const started = performance.now();
  const metrics: Metrics | undefined = c.get('metrics');
  const route = metrics && paveCallRoute(c.req.method, routeOf(c));
  const ended = route ? metrics.paveCallStarted(route) : undefined;
  let outcome: PaveOutcome<T> | undefined;
  try {
    outcome = await call();
  } finally {
    ended?.(outcome === undefined ? 'unavailable' : outcome.ok ? 'ok' : outcome.kind, (performance.now() - started) / 1000);
  }
  const log: LogFields | undefined = c.get('log');
  if (log) {
    log.upstream_ms = (log.upstream_ms ?? 0) + Math.round(performance.now() - started);
    log.upstream_calls = (log.upstream_calls ?? 0) + 1;
    log.upstream_status = 'status' in outcome && outcome.status !== undefined ? outcome.status : outcome.ok ? 200 : outcome.kind === 'timeout' ? 'timeout' : 'unavailable';
  }
  return outcome;
}

/**
 * The maker (first three) and the serial's last four, enough to find a car with the customer on the phone.
 * @example maskVin('1HGCM82633A004352') // '1HG**********4352'
 */
export function maskVin(vin: string): string {
  return vin.length <= 7 ? '*'.repeat(vin.length) : `${vin.slice(0, 3)}${'*'.repeat(vin.length - 7)}${vin.slice(-4)}`;
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  if (!response.headers.get('Content-Type')?.startsWith('application/json')) return undefined;
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** The route pattern that answered (`/v1/sessions/:key/status`), not the path: no session keys in this field. */
function routeOf(c: Context): string {
  const handlers = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  // CORS preflights are answered by the origin guard, before any route: name them, not "unmatched".
  return handlers.at(-1)?.path ?? (c.req.method === 'OPTIONS' ? 'preflight' : 'unmatched');
}
