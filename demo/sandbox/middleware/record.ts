/**
 * Records every PAVE call with the status it got, so tests can prove what did (not) reach PAVE.
 */
import type { MiddlewareHandler } from 'hono';
import { parseLoose } from '../loose-json.ts';
import type { SandboxStore } from '../store.ts';

/**
 * A middleware that appends each request it sees to `store.requests` once it is answered.
 * @example app.use('/v1/*', recordRequests(store, now));
 */
export function recordRequests(store: SandboxStore, now: () => Date): MiddlewareHandler {
  return async (c, next) => {
    // A clone: the route still reads the body; a body that is not JSON is recorded as undefined.
    const body = c.req.method === 'GET' ? undefined : await c.req.raw.clone().text().then(parseLoose);
    await next();
    store.requests.push({ method: c.req.method, path: c.req.path, status: c.res.status, body, at: now().toISOString() });
  };
}
