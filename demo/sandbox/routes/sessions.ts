/**
 * PAVE's v1 sessions: `POST /v1/sessions` (create, and text the link when `sms` is given) and
 * `GET /v1/sessions/:key` (read your own). Behind the v1 HMAC check of middleware/auth.ts.
 */
import { Hono } from 'hono';
import type { SandboxEnv } from '../middleware/auth.ts';
import { parseLoose } from '../loose-json.ts';
import { sendText } from '../outbox.ts';
import { MESSAGES } from '../rules.ts';
import { CreateSessionBody, laravelErrors } from '../schema.ts';
import { paveTime, publicSession, type SandboxStore, type StoredSession } from '../store.ts';
import type { SandboxAccount } from '../verify.ts';

export interface SessionRoutesDeps {
  store: SandboxStore;
  now: () => Date;
  /** Base of capture URLs for an account; the session key follows a `/`. */
  captureBase: (account: SandboxAccount) => string;
}

/**
 * The v1 session routes, to mount at the root.
 * @example app.route('/', sessionRoutes({ store, now, captureBase }));
 */
export function sessionRoutes({ store, now, captureBase }: SessionRoutesDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/v1/sessions', async (c) => {
    const account = c.get('account');
    const raw = await c.req.text();
    const json = raw ? parseLoose(raw) : {};
    if (json === undefined) return c.json({ message: MESSAGES.invalid, errors: { body: ['The body must be JSON.'] } }, 400);
    const parsed = CreateSessionBody.safeParse(json);
    if (!parsed.success) return c.json({ message: MESSAGES.invalid, errors: laravelErrors(parsed.error) }, 400);

    const body = parsed.data;
    const key = store.newKey('DMO');
    const time = paveTime(now());
    const session: StoredSession = {
      session_key: key,
      theme: body.session?.theme ?? 'PRO',
      active: true,
      status: 'IDLE',
      redirect_url: body.session?.redirect_url ?? null,
      inspect_started_at: null,
      inspect_ended_at: null,
      created_at: time,
      updated_at: time,
      language: (body.session?.language ?? 'EN').toUpperCase(),
      capture_url: `${captureBase(account)}/${key}`,
      options: {
        ...(body.session?.client_id ? { client_id: body.session.client_id } : {}),
        ...(body.session?.contact ? { contact: body.session.contact } : {}),
        ...(body.session?.reference ? { reference: body.session.reference } : {}),
        ...(body.sms ? { sms: body.sms } : {}),
      },
      vehicle: body.vehicle ?? null,
      owner: account.apiKey,
      resends: 0,
    };
    store.sessions.set(key, session);
    if (body.sms) sendText(store, session, 'create', body.sms, time);
    return c.json(publicSession(session), 201);
  });

  routes.get('/v1/sessions/:key', (c) => {
    const account = c.get('account');
    const session = store.sessions.get(c.req.param('key'));
    // Another account's session is as unknown as a key nobody made.
    if (!session || session.owner !== account.apiKey) return c.json({ message: MESSAGES.notFound }, 404);
    return c.json(publicSession(session));
  });

  return routes;
}
