/**
 * The widget's only network code: one POST to the signer, parsed with the shared contract.
 * Never throws: every outcome is a value the state machine understands.
 */
import { CreateSessionResponse, ErrorBody, type CreateSessionRequest } from './contract.ts';
import type { WidgetError } from './machine.ts';

export type CreateResult = { ok: true; session: CreateSessionResponse } | { ok: false; error: WidgetError };

/**
 * @example await createSession('https://sign.dealer.example', { delivery: 'link' }, { idempotencyKey: crypto.randomUUID() })
 */
export async function createSession(
  signerUrl: string,
  body: CreateSessionRequest,
  options: { idempotencyKey: string; fetch?: typeof fetch; signal?: AbortSignal },
): Promise<CreateResult> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(endpoint(signerUrl, 'v1/sessions'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': options.idempotencyKey },
      body: JSON.stringify(body),
      signal: options.signal,
      credentials: 'omit',
    });
  } catch {
    return failure('network_error', 'We could not reach the inspection service. Check your connection and try again.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = CreateSessionResponse.safeParse(json);
    return parsed.success ? { ok: true, session: parsed.data } : failure('bad_response', 'The inspection service answered unexpectedly.');
  }
  const error = ErrorBody.safeParse(json);
  if (!error.success) return failure('bad_response', `The inspection service answered with an error (HTTP ${response.status}).`);
  return { ok: false, error: { code: error.data.error.code, message: error.data.error.message, issues: error.data.error.issues ?? [] } };
}

function failure(code: WidgetError['code'], message: string): CreateResult {
  return { ok: false, error: { code, message, issues: [] } };
}

/**
 * Resolves a signer route against the `signer` attribute, which may be absolute or page-relative
 * (`/pave-signer`); a base path is kept only when it ends with a slash, so one is added.
 */
function endpoint(signerUrl: string, path: string): URL {
  const base = signerUrl.endsWith('/') ? signerUrl : `${signerUrl}/`;
  return new URL(path, new URL(base, globalThis.location?.href));
}
