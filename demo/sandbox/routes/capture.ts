/**
 * The stand-in capture app's routes, used when `captureBaseUrl` points here: `GET /capture/:key` shows
 * capture-page.ts (and starts the inspection), `POST /capture/:key/next` takes one step of the lifecycle;
 * the step that completes the inspection sends the customer to the session's `redirect_url` (rules.ts `CAPTURE`).
 */
import { Hono } from 'hono';
import { capturePage } from '../capture-page.ts';
import { nextStatus, setStatus } from '../lifecycle.ts';
import type { SandboxStore } from '../store.ts';

export interface CaptureRoutesDeps {
  store: SandboxStore;
  now: () => Date;
}

/**
 * The `/capture` routes, to mount at the root.
 * @example app.route('/', captureRoutes({ store, now }));
 */
export function captureRoutes({ store, now }: CaptureRoutesDeps): Hono {
  const routes = new Hono();

  routes.get('/capture/:key', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.html(capturePage(undefined), 404);
    // Opening the link stands for the customer starting the inspection.
    if (session.status === 'IDLE') setStatus(session, 'STARTED', now());
    return c.html(capturePage(session));
  });

  // Each step shows the page again (303, so a reload does not post twice); the last one leaves for the dealer's page.
  routes.post('/capture/:key/next', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.html(capturePage(undefined), 404);
    const next = session.active ? nextStatus(session.status) : undefined;
    if (next) setStatus(session, next, now());
    if (next === 'COMPLETE' && session.redirect_url) return c.redirect(session.redirect_url, 303);
    return c.redirect(`/capture/${session.session_key}`, 303);
  });

  return routes;
}
