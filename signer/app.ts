/**
 * The signer's Hono app, built from configuration and injected world (fetch, clock).
 * Runtime-neutral: entry files (node.ts, worker.ts, …) only turn their environment into a config.
 *
 * Order of defences: secure headers → origin (403 before anything else) → per-IP limit → body limit →
 * content type → JSON → schema → site rules → admit (bot check, per-number and per-site limits) → PAVE.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { errorBody, SignerError } from './errors.ts';
import { requestLog, type LogWriter } from './http/request-log.ts';
import { openApiDocument } from './routes/openapi.ts';
import { originGuard } from './http/origin.ts';
import { sessionsRoutes, type SessionsDeps } from './routes/create.ts';
import { createDefences, type DefenceDeps } from './defences/admit.ts';

/**
 * The world the app runs in: its configuration, the fetch used to reach PAVE (tests pass the sandbox's),
 * the clock, how to find the client's IP, the idempotency and rate-limit stores, the last gate before PAVE
 * (by default the bot check and the limits of `defences.ts`), and where log lines go: `log` gets the one
 * line per request, `events` the alerts (stdout/stderr by default).
 */
export type AppDeps = SessionsDeps & Omit<DefenceDeps, 'config'> & { log?: LogWriter };

/**
 * @example
 * const app = createApp({ config: loadConfig(process.env) });
 * serve({ fetch: app.fetch, port: 8787 });
 */
export function createApp(deps: AppDeps): Hono {
  const allowedOrigins = new Set([...deps.config.sites.values()].flatMap((site) => site.allowedOrigins));
  const app = new Hono();

  app.use(requestLog({ write: deps.log, now: deps.now }));
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/openapi.json', (c) => c.json(openApiDocument(), 200, { 'Access-Control-Allow-Origin': '*' }));
  app.use('/v1/*', originGuard({ isAllowed: (origin) => allowedOrigins.has(origin) }));

  // Defences (issue 5): the per-IP gate before any body is read; the rest in `admit`, right before PAVE.
  const defences = createDefences(deps);
  app.use('/v1/sessions', defences.ipGate);
  app.route('/v1/sessions', sessionsRoutes({ ...deps, admit: deps.admit ?? defences.admit }));

  app.notFound((c) => c.json(errorBody('not_found', 'No such route.'), 404));
  app.onError((error, c) => {
    if (error instanceof SignerError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(errorBody(error.code, error.message, error.issues), error.status);
    }
    if (error instanceof HTTPException && error.status === 413) {
      return c.json(errorBody('payload_too_large', 'The request body is too large.'), 413);
    }
    // Never a stack trace or an internal message in a response.
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', request_id: c.get('requestId'), error: String(error) }));
    return c.json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'), 500);
  });
  return app;
}
