/**
 * Cloudflare Workers entry (see `wrangler.toml`): the bindings (vars and secrets) are the environment;
 * several sites come as `SITES_JSON` (a JSON var, or a string). The app is built once per isolate, on
 * the first request, because bindings are only available then. The client IP is `CF-Connecting-IP`.
 *
 * Idempotency is kept per isolate here; a deployment that needs it across isolates injects a shared
 * store through `createApp` in its own entry.
 */
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config/environment.ts';
import type { Env } from './config/settings.ts';
import { errorBody, notConfigured } from './errors.ts';

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

export default {
  fetch(request: Request, bindings: Record<string, unknown>, ctx: unknown): Response | Promise<Response> {
    try {
      app ??= createApp({ config: loadConfig(envFrom(bindings)), clientIp: (c) => c.req.header('CF-Connecting-IP') });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A misconfigured Worker cannot refuse to start: it answers 500 and logs the problems instead.
      console.error(error.message);
      return Response.json(errorBody(notConfigured()), { status: 500 });
    }
    return app.fetch(request, bindings, ctx as never);
  },
};
