/**
 * Deno entry: `deno run --allow-net --allow-env --allow-read signer/deno.ts` (after `npm ci`: Deno 2
 * resolves `hono`, `zod` and `libphonenumber-js` from package.json). Same environment as on Node.
 */
import { createApp } from './app.ts';
import { clientIpReader } from './http/client-ip.ts';
import { ConfigError, loadConfig } from './config/environment.ts';

/** The slice of Deno's API this entry uses (no Deno types in this Node-checked project). */
declare const Deno: {
  env: { toObject(): Record<string, string> };
  readTextFileSync(path: string): string;
  serve(
    options: { port: number; hostname: string },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): unknown;
  exit(code: number): never;
};

try {
  const env = Deno.env.toObject();
  const config = loadConfig(env, { readFile: (path) => Deno.readTextFileSync(path) });
  const app = createApp({
    config,
    // Deno passes the connection info as the handler's second argument; Hono hands it on as `c.env`.
    clientIp: clientIpReader({ trustedProxies: config.trustedProxies, socketAddress: (c) => (c.env as { remoteAddr?: { hostname?: string } } | undefined)?.remoteAddr?.hostname }),
  });
  Deno.serve({ port: Number(env.PORT ?? 8787), hostname: env.HOST ?? '0.0.0.0' }, (request, info) => app.fetch(request, info));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  Deno.exit(1);
}
