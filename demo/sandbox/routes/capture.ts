/**
 * The stand-in capture app's routes, used when `captureBaseUrl` points here: `GET /capture/:key` shows
 * capture-page.ts (and starts the inspection), `POST /capture/:key/next` takes one step of the lifecycle.
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

  // The page's "next step" button walks the documented lifecycle, then shows the page again.
  routes.post('/capture/:key/next', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.html(capturePage(undefined), 404);
    const next = nextStatus(session.status);
    if (next) setStatus(session, next, now());
    return c.redirect(`/capture/${session.session_key}`, 303);
  });

  return routes;
}
