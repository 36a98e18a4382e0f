/**
 * Cloudflare Workers entry: the bindings (vars and secrets) are the environment. The app is built once
 * per isolate, on the first request, because bindings are only available then.
 */
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Env } from './config.ts';

let app: Hono | undefined;

export default {
  fetch(request: Request, env: Env, ctx: unknown): Response | Promise<Response> {
    try {
      app ??= createApp({ config: loadConfig(env), clientIp: (c) => c.req.header('CF-Connecting-IP') });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A misconfigured Worker cannot refuse to start: it answers 500 and logs the problems instead.
      console.error(error.message);
      return Response.json({ error: { code: 'internal_error', message: 'The signer is not configured.' } }, { status: 500 });
    }
    return app.fetch(request, env, ctx as never);
  },
};
