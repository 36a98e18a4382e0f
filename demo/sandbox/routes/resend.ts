/**
 * PAVE's v2 resend: `POST /v2/capture/sessions/:key/resend` texts the link once more, optionally to a new
 * number. Behind the `API-Access-Token` check of middleware/auth.ts; every rule is in rules.ts (`RESEND`).
 */
import { Hono } from 'hono';
import type { SandboxEnv } from '../middleware/auth.ts';
import { parseLoose } from '../loose-json.ts';
import { sendText } from '../outbox.ts';
import { MESSAGES, RESEND } from '../rules.ts';
import { paveTime, type SandboxStore, type StoredSms } from '../store.ts';

export interface ResendRouteDeps {
  store: SandboxStore;
  now: () => Date;
}

/**
 * The v2 resend route, to mount at the root.
 * @example app.route('/', resendRoute({ store, now }));
 */
export function resendRoute({ store, now }: ResendRouteDeps): Hono<SandboxEnv> {
  const routes = new Hono<SandboxEnv>();

  routes.post('/v2/capture/sessions/:key/resend', async (c) => {
    const account = c.get('account');
    const session = store.sessions.get(c.req.param('key'));
    if (!session || session.owner !== account.apiKey) return c.json({ message: MESSAGES.notFound }, 404);
    const raw = await c.req.text();
    const json = (raw.trim() ? parseLoose(raw) : {}) as { phone?: unknown } | undefined;
    if (!json || typeof json !== 'object') return c.json({ message: MESSAGES.invalid, errors: { body: ['The body must be JSON.'] } }, 400);
    if (json.phone !== undefined && (typeof json.phone !== 'string' || !/^\+[1-9]\d{7,14}$/.test(json.phone))) {
      return c.json({ message: MESSAGES.invalid, errors: { phone: [RESEND.messages.badPhone] } }, 400);
    }
    const current = session.options.sms as StoredSms | undefined;
    const to = (json.phone as string | undefined) ?? current?.to;
    if (session.resends >= RESEND.perSession) return c.json({ message: RESEND.messages.alreadyResent }, 400);
    if (!RESEND.openStatuses.includes(session.status)) return c.json({ message: RESEND.messages.closed }, 400);
    if (now().getTime() - Date.parse(session.created_at) > RESEND.windowMs) return c.json({ message: RESEND.messages.tooOld }, 400);
    if (!to) return c.json({ message: RESEND.messages.noRecipient }, 400);

    const sms: StoredSms = { ...current, to };
    session.options = { ...session.options, sms };
    session.resends += 1;
    sendText(store, session, 'resend', sms, paveTime(now()));
    return c.json({ message: RESEND.messages.sent, session_key: session.session_key, phone: to });
  });

  return routes;
}
