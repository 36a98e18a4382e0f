/**
 * The sandbox's own controls (no auth, local only): `/_sandbox/outbox`, `/_sandbox/requests`,
 * `POST /_sandbox/reset`, `POST|DELETE /_sandbox/faults`, `GET /_sandbox/sessions/:key` and
 * `POST /_sandbox/sessions/:key/status` (move a session through its lifecycle: `{"status": "PROCESS"}`).
 */
import { Hono } from 'hono';
import { FAULT_MODES, type FaultMode, type FaultSwitch } from '../faults.ts';
import { setStatus } from '../lifecycle.ts';
import { MESSAGES } from '../rules.ts';
import { publicSession, STATUSES, type SandboxStore, type Status } from '../store.ts';

export interface ControlRoutesDeps {
  store: SandboxStore;
  faults: FaultSwitch;
  now: () => Date;
}

/**
 * The `/_sandbox` routes, to mount at the root.
 * @example app.route('/', controlRoutes({ store, faults, now }));
 */
export function controlRoutes({ store, faults, now }: ControlRoutesDeps): Hono {
  const routes = new Hono();

  routes.get('/_sandbox/outbox', (c) => c.json({ messages: store.outbox }));
  routes.get('/_sandbox/requests', (c) => c.json({ requests: store.requests }));
  routes.post('/_sandbox/reset', (c) => {
    store.reset();
    faults.clear();
    return c.json({ ok: true });
  });

  routes.post('/_sandbox/faults', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { mode?: string; delay_ms?: number; times?: number };
    if (!FAULT_MODES.includes(body.mode as FaultMode)) return c.json({ message: `mode must be one of ${FAULT_MODES.join(', ')}` }, 400);
    faults.set(body.mode as FaultMode, { delayMs: body.delay_ms, times: body.times });
    return c.json({ ok: true });
  });
  routes.delete('/_sandbox/faults', (c) => {
    faults.clear();
    return c.json({ ok: true });
  });

  // Any account's session, with its resend count: what a test needs to see that PAVE would not show.
  routes.get('/_sandbox/sessions/:key', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.json({ message: MESSAGES.notFound }, 404);
    return c.json({ ...publicSession(session), resends: session.resends });
  });
  routes.post('/_sandbox/sessions/:key/status', async (c) => {
    const session = store.sessions.get(c.req.param('key'));
    const body = (await c.req.json().catch(() => ({}))) as { status?: string };
    if (!session) return c.json({ message: MESSAGES.notFound }, 404);
    if (!STATUSES.includes(body.status as Status)) return c.json({ message: `status must be one of ${STATUSES.join(', ')}` }, 400);
    setStatus(session, body.status as Status, now());
    return c.json(publicSession(session));
  });

  return routes;
}
