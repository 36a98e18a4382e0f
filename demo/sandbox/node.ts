/**
 * `npm run sandbox`: the PAVE sandbox alone on `SANDBOX_PORT` (default 8788).
 */
import { serve } from '@hono/node-server';
import { createSandbox, DEMO_ACCOUNT } from './app.ts';

const port = Number(process.env.SANDBOX_PORT ?? 8788);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
const localCapture = process.env.SANDBOX_LOCAL_CAPTURE !== 'false';
const { app } = createSandbox({
  captureBaseUrl: localCapture ? () => `http://${host}:${port}/capture` : undefined,
});

serve({ fetch: app.fetch, port, hostname: host }, () => {
  console.log(`PAVE sandbox on http://${host}:${port}  (account "${DEMO_ACCOUNT.username}", key "${DEMO_ACCOUNT.apiKey}")`);
});
