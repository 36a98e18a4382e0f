/**
 * Cloudflare Workers entry (see `wrangler.toml`): the bindings (vars and secrets) are the environment;
 * several sites come as `SITES_JSON` (a JSON var, or a string). The app is built once per isolate, on
 * the first request, because bindings are only available then. The client IP is `CF-Connecting-IP`.
 *
 * Rate-limit counters and idempotent answers live in the `SignerState` Durable Object (binding
 * `SIGNER_STATE`), shared by every isolate. Without that binding the Worker refuses every request as not
 * configured — unless `ALLOW_MEMORY_STORES=true` says to count per isolate, for a trial.
 */
import type { Hono } from 'hono';
import { createApp, type AppDeps } from './app.ts';
import { ConfigError, loadConfig, type SignerConfig } from './config/environment.ts';
import { flag, type Env } from './config/settings.ts';
import { errorBody, notConfigured } from './errors.ts';
import { consoleLogger } from './http/event-log.ts';
import { isDurableObjectNamespace } from './stores/durable-object/api.ts';
import { createDurableObjectIdempotencyStore } from './stores/durable-object/idempotency.ts';
import { createDurableObjectLimitStore } from './stores/durable-object/limits.ts';

export { SignerState } from './stores/durable-object/signer-state.ts';

let app: Hono | undefined;

/** Bindings as text: JSON vars (an object in `wrangler.toml`) become their JSON; non-text bindings are left out. */
function envFrom(bindings: Record<string, unknown>): Env {
  const env: Env = {};
  for (const [name, value] of Object.entries(bindings)) {
    if (typeof value === 'string') env[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') env[name] = String(value);
    else if (name === 'SITES_JSON' && value && typeof value === 'object') env[name] = JSON.stringify(value);
  }
  return env;
}

/** The shared stores of the `SIGNER_STATE` binding; per-isolate memory only when the environment asks for it. */
function storesFrom(bindings: Record<string, unknown>, env: Env, config: SignerConfig): Pick<AppDeps, 'limitStore' | 'idempotency'> {
  const namespace = bindings.SIGNER_STATE;
  if (isDurableObjectNamespace(namespace)) return { limitStore: createDurableObjectLimitStore({ namespace }), idempotency: createDurableObjectIdempotencyStore({ namespace }) };
  const raw = env.ALLOW_MEMORY_STORES?.trim();
  const allow = raw ? flag(raw) : { value: false };
  if ('problem' in allow) throw new ConfigError([`ALLOW_MEMORY_STORES ${allow.problem.replace(/\.$/, '')} (got "${env.ALLOW_MEMORY_STORES}").`]);
  if (!allow.value) {
    throw new ConfigError([
      'SIGNER_STATE is not bound to the SignerState Durable Object (see signer/wrangler.toml): without it every isolate would count alone. ' +
        'Set ALLOW_MEMORY_STORES=true to run with per-isolate counters for a trial.',
    ]);
  }
  consoleLogger({
    level: 'warn',
    event: 'memory_stores',
    sites: [...config.sites.keys()].join(','),
    stores: 'memory',
    note: 'ALLOW_MEMORY_STORES=true: rate limits and idempotency count per isolate, so the ceilings multiply; bind SIGNER_STATE to share them.',
  });
  return {};
}

export default {
  fetch(request: Request, bindings: Record<string, unknown>, ctx: unknown): Response | Promise<Response> {
    try {
      if (!app) {
        const env = envFrom(bindings);
        const config = loadConfig(env);
        app = createApp({ config, clientIp: (c) => c.req.header('CF-Connecting-IP'), ...storesFrom(bindings, env, config) });
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A misconfigured Worker cannot refuse to start: it answers 500 and logs the problems instead.
      console.error(error.message);
      return Response.json(errorBody(notConfigured()), { status: 500 });
    }
    return app.fetch(request, bindings, ctx as never);
  },
};
