/**
 * The bot check: Cloudflare Turnstile, server side. The widget sends the token it got in
 * `X-Turnstile-Token`; the signer asks Siteverify whether it is genuine, unused, and minted on one of the
 * site's own pages. Runtime-neutral (fetch only), verification URL configurable so tests run against a
 * local fake.
 * @see https://developers.cloudflare.com/turnstile/get-started/server-side-validation/
 */
import * as z from 'zod/mini';

export const TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';
export const TURNSTILE_HEADER = 'X-Turnstile-Token';
/** Cloudflare's documented maximum token length. */
const MAX_TOKEN_LENGTH = 2048;
const DEFAULT_TURNSTILE_TIMEOUT_MS = 5000;

interface TurnstileSettings {
  secret: string;
  verifyUrl: string;
}

/** Why a token was not accepted; `unavailable`/`timeout` mean Siteverify itself failed (the signer fails closed). */
type TurnstileResult =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'malformed' | 'rejected' | 'wrong_hostname' | 'unavailable' | 'timeout'; errorCodes?: string[] };

const SiteverifyResponse = z.object({
  success: z.boolean(),
  'error-codes': z.optional(z.array(z.string())),
  hostname: z.optional(z.string()),
});

interface VerifyTurnstileInput {
  token: string | undefined;
  /** The client's address, passed on as `remoteip` (helps Cloudflare score the solve). */
  ip?: string;
  /** Host names of the site's allowed origins; a token minted elsewhere is refused. */
  hostnames: readonly string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * @example
 * await verifyTurnstile(site.turnstile, { token: c.req.header('X-Turnstile-Token'), hostnames: ['www.dealer.example'] })
 * // { ok: true } or { ok: false, reason: 'rejected', errorCodes: ['timeout-or-duplicate'] }
 */
export async function verifyTurnstile(settings: TurnstileSettings, input: VerifyTurnstileInput): Promise<TurnstileResult> {
  const token = input.token?.trim();
  if (!token) return { ok: false, reason: 'missing' };
  // Tokens are short printable ASCII; anything else is not worth a round trip.
  if (token.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) return { ok: false, reason: 'malformed' };

  const form = new URLSearchParams({ secret: settings.secret, response: token });
  if (input.ip) form.set('remoteip', input.ip);
  const doFetch = input.fetch ?? ((url, init) => fetch(url, init));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), input.timeoutMs ?? DEFAULT_TURNSTILE_TIMEOUT_MS);
  let json: unknown;
  try {
    const response = await doFetch(settings.verifyUrl, { method: 'POST', body: form, signal: controller.signal });
    json = await response.json();
    if (controller.signal.aborted) return { ok: false, reason: 'timeout' };
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'unavailable' };
  } finally {
    clearTimeout(timer);
  }

  const parsed = SiteverifyResponse.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'unavailable' };
  if (!parsed.data.success) return { ok: false, reason: 'rejected', errorCodes: parsed.data['error-codes'] ?? [] };
  if (parsed.data.hostname !== undefined && !input.hostnames.includes(parsed.data.hostname)) {
    return { ok: false, reason: 'wrong_hostname' };
  }
  return { ok: true };
}
