/**
 * Checks PAVE's authentication headers exactly as docs/pave-api.md documents them. Written with node:crypto
 * and never importing signer/pave, so a bug in the signer's signing fails the tests instead of being copied.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MESSAGES } from './rules.ts';

export interface SandboxAccount {
  username: string;
  apiKey: string;
  apiSecret: string;
}

export type AuthResult = { ok: true; account: SandboxAccount } | { ok: false; message: string };

/** Tokens expire within five minutes; the sandbox accepts clock skew of the same size either way. */
export const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

/** Any ISO-8601 UTC time: `Z` or `+00:00`, optional fractional seconds. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$/;

export function verifyPaveAuth(headers: Headers, accounts: readonly SandboxAccount[], now: Date): AuthResult {
  const apiKey = headers.get('API-Key');
  const token = headers.get('API-Token');
  const timestamp = headers.get('API-Timestamp');
  const account = accounts.find((candidate) => candidate.apiKey === apiKey);
  if (!account || !token || !timestamp) return { ok: false, message: MESSAGES.unauthenticated };

  const time = ISO_UTC.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(time) || Math.abs(now.getTime() - time) > TIMESTAMP_WINDOW_MS) {
    return { ok: false, message: MESSAGES.staleTimestamp };
  }
  // The HMAC covers the header verbatim, whatever ISO form it uses.
  const expected = createHmac('sha256', account.apiSecret).update(`${account.username}:${account.apiKey}@${timestamp}`).digest('hex');
  const given = Buffer.from(token, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    return { ok: false, message: MESSAGES.unauthenticated };
  }
  return { ok: true, account };
}
