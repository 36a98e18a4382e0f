/**
 * "What a dealer would write from PAVE's docs": an Express app with `express.json()`, the Node signing
 * sample of PAVE's "Generate Access Token" page (`crypto.createHmac('sha256', apiSecret)` over
 * `username:apiKey@timestamp`, with the `YYYY-MM-DDTHH:MM:SSZ` timestamp its header table asks for) and
 * Node's `fetch` to Create Session. No origin check, no validation, no limits: a row of the throughput
 * figure, to show where a hand-written integration stands.
 */
import { createHmac } from 'node:crypto';
import express, { type Express } from 'express';

export interface DocsAccount {
  username: string;
  apiKey: string;
  apiSecret: string;
}

/** @example createExpressFromDocs('http://127.0.0.1:8788', account).listen(0) */
export function createExpressFromDocs(paveUrl: string, account: DocsAccount, doFetch: typeof fetch = fetch): Express {
  const app = express();
  app.use(express.json());
  app.post('/v1/sessions', async (req, res) => {
    const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const message = `${account.username}:${account.apiKey}@${timestamp}`;
    const accessToken = createHmac('sha256', account.apiSecret).update(message).digest('hex');
    try {
      const response = await doFetch(`${paveUrl}/v1/sessions`, {
        method: 'POST',
        headers: {
          'API-Key': account.apiKey,
          'API-Token': accessToken,
          'API-Timestamp': timestamp,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ session: { theme: 'PRO' }, vehicle: req.body?.vin ? { vin: req.body.vin } : undefined }),
      });
      const session = (await response.json()) as { session_key: string; capture_url: string };
      res.status(response.status).json({ session_key: session.session_key, capture_url: session.capture_url, delivery: req.body?.delivery });
    } catch {
      res.status(502).json({ error: 'PAVE unavailable' });
    }
  });
  return app;
}
