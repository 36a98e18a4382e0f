/**
 * The throughput figure's baseline: the *minimal signer* — the least a signer must do per request on the
 * same server stack. Hono on @hono/node-server reads the JSON body, makes one upstream call with Node's
 * `fetch` and answers with the session; no origin check, no validation, no signing, no limits, no log.
 * Whatever the real signer costs beyond this is the price of its checks.
 */
import { Hono } from 'hono';

/** @example serve({ fetch: createMinimalSigner('http://127.0.0.1:8788').fetch, port: 0 }) */
export function createMinimalSigner(upstream: string, doFetch: typeof fetch = fetch): Hono {
  const app = new Hono();
  app.post('/v1/sessions', async (c) => {
    const body = await c.req.json<{ delivery?: string }>();
    const response = await doFetch(`${upstream}/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const session = (await response.json()) as { session_key: string; capture_url: string };
    return c.json({ session_key: session.session_key, capture_url: session.capture_url, delivery: body.delivery }, 201);
  });
  return app;
}
