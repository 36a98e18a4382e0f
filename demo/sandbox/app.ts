/**
 * The PAVE sandbox: an emulator of PAVE's sessions API for the demo and the tests.
 * It checks the HMAC token exactly as documented, validates bodies like PAVE, keeps sessions in memory,
 * records the texts it would send, and can be told to misbehave.
 *
 * PAVE's routes: POST /v1/sessions, GET /v1/sessions/:key, POST /v2/capture/sessions/:key/resend.
 * Sandbox controls (no auth, local only): /_sandbox/{outbox,requests,faults,reset}, GET /_sandbox/sessions/:key,
 * POST /_sandbox/sessions/:key/status (move a session through its lifecycle: `{"status": "PROCESS"}`),
 * and GET /capture/:key — a stand-in capture page when `captureBaseUrl` points here.
 * Where PAVE's docs are silent, the sandbox follows `rules.ts`.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { FAULT_MODES, FaultSwitch, type FaultMode } from './faults.ts';
import { CreateSessionBody, laravelErrors } from './schema.ts';
import { RESEND, MESSAGES } from './rules.ts';
import { paveTime, SandboxStore, STATUSES, type InternalField, type Status, type StoredSession } from './store.ts';
import { verifyPaveAuth, type SandboxAccount } from './verify.ts';
import { capturePage } from './capture-page.ts';

/** The sandbox's built-in account: what `npm start` signs with when no real credentials are configured. */
export const DEMO_ACCOUNT: SandboxAccount = { username: 'demo', apiKey: 'sandbox_demo_key', apiSecret: 'sandbox_demo_secret_do_not_use' };

export interface SandboxOptions {
  accounts?: SandboxAccount[];
  now?: () => Date;
  /** Base of capture URLs; PAVE's branded `https://{username}.vehiclecapture.com` by default. */
  captureBaseUrl?: (account: SandboxAccount) => string;
}

export interface Sandbox {
  app: Hono<{ Variables: { account: SandboxAccount } }>;
  store: SandboxStore;
  faults: FaultSwitch;
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const accounts = options.accounts ?? [DEMO_ACCOUNT];
  const now = options.now ?? (() => new Date());
  const captureBase = options.captureBaseUrl ?? ((account) => `https://${account.username}.vehiclecapture.com`);
  const store = new SandboxStore();
  const faults = new FaultSwitch();
  const app = new Hono<{ Variables: { account: SandboxAccount } }>();

  // Record every PAVE call with the status it got, so tests can prove what did (not) reach PAVE.
  const record: MiddlewareHandler = async (c, next) => {
    const body = c.req.method === 'GET' ? undefined : await c.req.raw.clone().text().then(parseLoose);
    await next();
    store.requests.push({ method: c.req.method, path: c.req.path, status: c.res.status, body, at: now().toISOString() });
  };
  app.use('/v1/*', record);
  app.use('/v2/*', record);

  const misbehave: MiddlewareHandler = async (c, next) => {
    const fault = faults.take();
    if (!fault) return next();
    switch (fault.mode) {
      case 'error':
        return c.json({ message: 'Server Error' }, 500);
      case 'garbage':
        return c.body('<html><body>502 Bad Gateway</body></html>', 200, { 'Content-Type': 'text/html' });
      case 'reset':
        return resetConnection(c);
      case 'slow':
        await next();
        await sleep(fault.delayMs, c.req.raw.signal);
        return;
      case 'hang':
        await next();
        await sleep(10 * 60 * 1000, c.req.raw.signal);
        return;
    }
  };
  app.use('/v1/*', misbehave);
  app.use('/v2/*', misbehave);

  app.use('/v1/*', async (c, next) => {
    const auth = verifyPaveAuth(c.req.raw.headers, accounts, now());
    if (!auth.ok) return c.json({ message: auth.message }, 401);
    c.set('account', auth.account);
    await next();
  });

  // v2 authenticates with the API key alone, as documented (rules.ts).
  app.use('/v2/*', async (c, next) => {
    const token = c.req.header(RESEND.authHeader);
    const account = accounts.find((candidate) => candidate.apiKey === token);
    if (!token || !account) return c.json({ message: MESSAGES.unauthenticated }, 401);
    c.set('account', account);
    await next();
  });

  app.post('/v1/sessions', async (c) => {
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
    if (body.sms) text(session, 'create', body.sms, time);
    return c.json(publicSession(session), 201);
  });

  app.get('/v1/sessions/:key', (c) => {
    const account = c.get('account');
    const session = store.sessions.get(c.req.param('key'));
    if (!session || session.owner !== account.apiKey) return c.json({ message: MESSAGES.notFound }, 404);
    return c.json(publicSession(session));
  });

  app.post('/v2/capture/sessions/:key/resend', async (c) => {
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
    text(session, 'resend', sms, paveTime(now()));
    return c.json({ message: RESEND.messages.sent, session_key: session.session_key, phone: to });
  });

  // ---- sandbox controls ----
  app.get('/_sandbox/outbox', (c) => c.json({ messages: store.outbox }));
  app.get('/_sandbox/requests', (c) => c.json({ requests: store.requests }));
  app.post('/_sandbox/reset', (c) => {
    store.reset();
    faults.clear();
    return c.json({ ok: true });
  });
  app.post('/_sandbox/faults', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { mode?: string; delay_ms?: number; times?: number };
    if (!FAULT_MODES.includes(body.mode as FaultMode)) return c.json({ message: `mode must be one of ${FAULT_MODES.join(', ')}` }, 400);
    faults.set(body.mode as FaultMode, { delayMs: body.delay_ms, times: body.times });
    return c.json({ ok: true });
  });
  app.delete('/_sandbox/faults', (c) => {
    faults.clear();
    return c.json({ ok: true });
  });
  app.get('/_sandbox/sessions/:key', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.json({ message: MESSAGES.notFound }, 404);
    return c.json({ ...publicSession(session), resends: session.resends });
  });
  app.post('/_sandbox/sessions/:key/status', async (c) => {
    const session = store.sessions.get(c.req.param('key'));
    const body = (await c.req.json().catch(() => ({}))) as { status?: string };
    if (!session) return c.json({ message: MESSAGES.notFound }, 404);
    if (!STATUSES.includes(body.status as Status)) return c.json({ message: `status must be one of ${STATUSES.join(', ')}` }, 400);
    setStatus(session, body.status as Status, now());
    return c.json(publicSession(session));
  });
  app.get('/capture/:key', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.html(capturePage(undefined), 404);
    if (session.status === 'IDLE') setStatus(session, 'STARTED', now());
    return c.html(capturePage(session));
  });
  // The stand-in capture page's "next step" button walks the documented lifecycle.
  app.post('/capture/:key/next', (c) => {
    const session = store.sessions.get(c.req.param('key'));
    if (!session) return c.html(capturePage(undefined), 404);
    const next = LIFECYCLE[LIFECYCLE.indexOf(session.status) + 1];
    if (next) setStatus(session, next, now());
    return c.redirect(`/capture/${session.session_key}`, 303);
  });

  // A `reset` fault must look like a dropped connection to the caller, not like a 500.
  app.onError((error, c) => {
    if (error instanceof ConnectionReset) throw error;
    return c.json({ message: 'Server Error' }, 500);
  });

  /** "Sends" a text: into the outbox, worded the way a dealer's PAVE key might word it. */
  function text(session: StoredSession, kind: 'create' | 'resend', sms: StoredSms, at: string): void {
    store.outbox.push({
      kind,
      session_key: session.session_key,
      to: sms.to,
      to_name: sms.to_name ?? null,
      from: sms.from ?? null,
      by: sms.by ?? null,
      body: `${sms.by ?? 'PAVE'}: ${sms.to_name ? `Hi ${sms.to_name}, s` : 'S'}tart your vehicle inspection here: ${session.capture_url}`,
      sent_at: at,
    });
  }

  return { app, store, faults };
}

interface StoredSms {
  to: string;
  to_name?: string;
  from?: string;
  by?: string;
}

const LIFECYCLE: readonly Status[] = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE'];

class ConnectionReset extends TypeError {}

function setStatus(session: StoredSession, status: Status, at: Date): void {
  const time = paveTime(at);
  if (status === 'STARTED' && !session.inspect_started_at) session.inspect_started_at = time;
  if (status === 'COMPLETE') session.inspect_ended_at = time;
  session.active = status !== 'EXPIRED' && status !== 'INVALID' && status !== 'COMPLETE';
  session.status = status;
  session.updated_at = time;
}

function publicSession(session: StoredSession): Omit<StoredSession, InternalField> {
  const { owner: _owner, resends: _resends, ...rest } = session;
  return rest;
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Drops the TCP connection on Node (no response at all); elsewhere throws, which a test fetch sees as a failure. */
function resetConnection(c: Context): Response {
  const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
  if (incoming?.socket) {
    incoming.socket.destroy();
    return new Response(null, { status: 499 });
  }
  throw new ConnectionReset('fetch failed: connection reset by sandbox');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
