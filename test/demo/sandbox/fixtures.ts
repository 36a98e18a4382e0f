/**
 * What every sandbox test needs: a fixed clock, PAVE's headers signed with node:crypto (never with the
 * signer's code — the sandbox is the tests' referee), and a signed create.
 */
import { createHmac } from 'node:crypto';
import { createSandbox, DEMO_ACCOUNT } from '../../../demo/sandbox/app.ts';

export type Sandbox = ReturnType<typeof createSandbox>;

/** The sandbox's clock in these tests. */
export const NOW = new Date('2026-11-28T10:00:00Z');

/** PAVE's v1 headers: the token is HMAC-SHA256(secret, `username:apiKey@timestamp`) in hex. */
export function signed(timestamp: string, account = DEMO_ACCOUNT, secret = account.apiSecret) {
  const token = createHmac('sha256', secret).update(`${account.username}:${account.apiKey}@${timestamp}`).digest('hex');
  return { 'API-Key': account.apiKey, 'API-Timestamp': timestamp, 'API-Token': token, 'Content-Type': 'application/json' };
}

/** A sandbox with the demo account whose clock stands still at `now`. */
export function sandboxAt(now = NOW) {
  return createSandbox({ now: () => now });
}

/** `POST /v1/sessions`, signed at NOW unless told otherwise. */
export const create = (sandbox: Sandbox, body: unknown, headers: Record<string, string> = signed('2026-11-28T10:00:00Z')) =>
  sandbox.app.request('/v1/sessions', { method: 'POST', headers, body: JSON.stringify(body) });

