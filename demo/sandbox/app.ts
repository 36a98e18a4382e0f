/**
 * The PAVE sandbox: an emulator of PAVE's sessions API for the demo and the tests.
 * It checks the HMAC token exactly as documented, validates bodies like PAVE, keeps sessions in memory,
 * records the texts it would send, and can be told to misbehave. Where PAVE's docs are silent, the
 * sandbox follows `rules.ts` (the decisions of docs/pave-api.md).
 *
 * This file only composes the parts; each route and middleware lives in its own file.
 */
import { Hono } from 'hono';
import { FaultSwitch } from './faults.ts';
import { accessTokenAuth, hmacAuth, type SandboxEnv } from './middleware/auth.ts';
import { misbehave, serverError } from './middleware/misbehave.ts';
import { recordRequests } from './middleware/record.ts';
import { captureRoutes } from './routes/capture.ts';
import { controlRoutes } from './routes/controls.ts';
import { resendRoute } from './routes/resend.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { SandboxStore } from './store.ts';
import type { SandboxAccount } from './verify.ts';

/** The sandbox's built-in account: what `npm start` signs with when no real credentials are configured. */
export const DEMO_ACCOUNT: SandboxAccount = { username: 'demo', apiKey: 'sandbox_demo_key', apiSecret: 'sandbox_demo_secret_do_not_use' };

export interface SandboxOptions {
  accounts?: SandboxAccount[];
  now?: () => Date;
  /** Base of capture URLs; PAVE's branded `https://{username}.vehiclecapture.com` by default. */
  captureBaseUrl?: (account: SandboxAccount) => string;
}

export interface Sandbox {
  app: Hono<SandboxEnv>;
  store: SandboxStore;
  faults: FaultSwitch;
}

/**
 * A fresh sandbox: its app, and its memory and fault switch for tests to look at or set directly.
 * @example const { app, store } = createSandbox({ now: () => new Date('2026-11-28T10:00:00Z') });
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const accounts = options.accounts ?? [DEMO_ACCOUNT];
  const now = options.now ?? (() => new Date());
  const captureBase = options.captureBaseUrl ?? ((account) => `https://${account.username}.vehiclecapture.com`);
  const store = new SandboxStore();
  const faults = new FaultSwitch();
  const app = new Hono<SandboxEnv>();

  // PAVE's routes, each request in this order: recorded, perhaps misbehaved, authenticated, answered.
  const record = recordRequests(store, now);
  const fault = misbehave(faults);
  app.use('/v1/*', record, fault, hmacAuth(accounts, now));
  app.use('/v2/*', record, fault, accessTokenAuth(accounts));
  app.route('/', sessionRoutes({ store, now, captureBase }));
  app.route('/', resendRoute({ store, now }));

  // The sandbox's own routes: no auth, never recorded.
  app.route('/', controlRoutes({ store, faults, now }));
  app.route('/', captureRoutes({ store, now }));

  app.onError(serverError);
  return { app, store, faults };
}
