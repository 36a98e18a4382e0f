/**
 * Origin allow-list and CORS in one place. CORS headers alone do not stop a request from running, so
 * this middleware answers `403 origin_not_allowed` itself, before anything reaches PAVE.
 */
import type { MiddlewareHandler } from 'hono';
import { errorResponse, originNotAllowed } from '../errors.ts';

interface OriginGuardOptions {
  /** True when some site lists this exact origin; the route then checks the request's own site. */
  isAllowed: (origin: string) => boolean;
}

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Authorization, X-Turnstile-Token';
const EXPOSED_HEADERS = 'Retry-After, Idempotent-Replayed, X-Request-Id';

/**
 * @example app.use('/v1/*', originGuard({ isAllowed: (origin) => origins.has(origin) }))
 */
export function originGuard(options: OriginGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    // Responses differ by Origin, so caches must key on it — on refusals too.
    const vary = { Vary: 'Origin' };
    if (!origin && isSameOriginRead(c.req.method, c.req.header('Sec-Fetch-Site'))) {
      // A browser sends no Origin on a same-origin GET (a page served beside the signer polling status).
      // Nothing cross-site looks like this, and the route still wants the session's ticket.
      await next();
      varyOnOrigin(c.res.headers);
      return;
    }
    if (!origin) return errorResponse(originNotAllowed(), vary);
    const allowed = options.isAllowed(origin);
    // A refused page may still send its request (a preflight is answered for any origin): the request
    // itself is refused below, with a 403 its page can read — so its widget can tell the developer to add
    // the origin to ALLOWED_ORIGINS. That answer carries nothing beyond the code.
    if (!allowed && c.req.method !== 'OPTIONS') return errorResponse(originNotAllowed(), { ...vary, 'Access-Control-Allow-Origin': '*' });

    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...vary,
          'Access-Control-Allow-Origin': allowed ? origin : '*',
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
        },
      });
    }
    await next();
    varyOnOrigin(c.res.headers);
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
  };
}

/** Adds `Origin` to `Vary`, keeping what a route already listed there (`Accept-Encoding`, …). */
function varyOnOrigin(headers: Headers): void {
  const listed = headers.get('Vary');
  if (!listed) headers.set('Vary', 'Origin');
  else if (!listed.split(',').some((name) => ['origin', '*'].includes(name.trim().toLowerCase()))) headers.append('Vary', 'Origin');
}

/**
 * A read from a page on the signer's own origin: `Sec-Fetch-Site` is set by the browser alone (a page's
 * script cannot forge it), and cross-site requests always carry `Origin`.
 */
function isSameOriginRead(method: string, fetchSite: string | undefined): boolean {
  return (method === 'GET' || method === 'HEAD') && fetchSite === 'same-origin';
}
