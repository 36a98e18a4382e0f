/**
 * The widget's only network code: the signer's three routes (create, status, resend), each answer read with
 * `parse.ts`.
 * Never throws: every outcome is a value the state machine understands.
 */
import type { CreateSessionRequest, CreateSessionResponse, ResendResponse, SessionStatusResponse } from '../../contract/schema.ts';
import type { WidgetError } from './error.ts';
import { readCreated, readError, readResent, readStatus } from './parse.ts';

export type Result<T> = { ok: true; value: T } | Failure;
export type Failure = { ok: false; error: WidgetError; status?: number };

interface CallOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

interface CreateOptions extends CallOptions {
  /** One key per submission: a double click or a retry of the same body never creates a second session. */
  idempotencyKey: string;
  /**
   * Bot-check token (Cloudflare Turnstile) for sites that enable it; sent as `X-Turnstile-Token`.
   * The element gets one per create from its bot check (`pave-capture/bot-check.ts`) when `turnstile-sitekey` is set.
   */
  turnstileToken?: string;
}

/**
 * `POST /v1/sessions`, sent: the answer as it came (`Response`), or the network failure. Reading it
 * (`readAnswer`) is for the hand-off module, fetched while this request is in flight.
 * @example await postSession('https://sign.dealer.example', { delivery: 'link' }, { idempotencyKey: crypto.randomUUID() })
 */
export function postSession(signerUrl: string, body: CreateSessionRequest, options: CreateOptions): Promise<Response | Failure> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': options.idempotencyKey };
  if (options.turnstileToken) headers['X-Turnstile-Token'] = options.turnstileToken;
  return send(signerUrl, 'v1/sessions', { method: 'POST', headers, body: JSON.stringify(body) }, options);
}

/** `POST /v1/sessions`, sent and read. */
export async function createSession(signerUrl: string, body: CreateSessionRequest, options: CreateOptions): Promise<Result<CreateSessionResponse>> {
  const sent = await postSession(signerUrl, body, options);
  return sent instanceof Response ? readAnswer(sent, readCreated) : sent;
}

/** `GET /v1/sessions/:key/status`, proven by the session's ticket. */
export function getStatus(signerUrl: string, session: CreateSessionResponse, options: CallOptions = {}): Promise<Result<SessionStatusResponse>> {
  return call(signerUrl, `v1/sessions/${encodeURIComponent(session.session_key)}/status`, { headers: bearer(session) }, options, readStatus);
}

/** `POST /v1/sessions/:key/resend`: PAVE texts the same link again. */
export function resendSms(signerUrl: string, session: CreateSessionResponse, options: CallOptions = {}): Promise<Result<ResendResponse>> {
  return call(signerUrl, `v1/sessions/${encodeURIComponent(session.session_key)}/resend`, { method: 'POST', headers: bearer(session) }, options, readResent);
}

const bearer = (session: CreateSessionResponse) => ({ Authorization: `Bearer ${session.ticket}` });

async function call<T>(signerUrl: string, path: string, init: RequestInit, options: CallOptions, read: (json: unknown) => T | undefined): Promise<Result<T>> {
  const sent = await send(signerUrl, path, init, options);
  return sent instanceof Response ? readAnswer(sent, read) : sent;
}

/** A request to the signer: its answer, whatever its status, or `network_error`. */
async function send(signerUrl: string, path: string, init: RequestInit, options: CallOptions): Promise<Response | Failure> {
  try {
    return await (options.fetch ?? fetch)(endpoint(signerUrl, path), { ...init, signal: options.signal, credentials: 'omit' });
  } catch {
    return failure('network_error', 'We could not reach the inspection service. Check your connection and try again.');
  }
}

/** The signer's answer read: its body, or its error envelope (with `Retry-After`), or `bad_response`. */
export async function readAnswer<T>(response: Response, read: (json: unknown) => T | undefined): Promise<Result<T>> {
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const value = read(json);
    return value ? { ok: true, value } : failure('bad_response', 'The inspection service answered unexpectedly.', response.status);
  }
  const error = readError(json);
  if (!error) return failure('bad_response', `The inspection service answered with an error (HTTP ${response.status}).`, response.status);
  const retryAt = retryAtOf(response.headers.get('Retry-After'));
  const extra = { ...(error.may_have_texted ? { mayHaveTexted: true } : {}), ...(retryAt ? { retryAt } : {}) };
  return { ok: false, error: { code: error.code, message: error.message, issues: error.issues ?? [], ...extra }, status: response.status };
}

/**
 * A create's answer read without the hand-off module (it could not be fetched): only what the bare link needs,
 * `capture_url` an http(s) URL before it becomes an `href`; an error says the signer's own words.
 */
export async function readBare(response: Response): Promise<Result<CreateSessionResponse>> {
  const json = (await response.json().catch(() => undefined)) as Partial<CreateSessionResponse> & { error?: { message?: string } } | undefined;
  const url = json?.capture_url;
  if (response.ok && typeof url === 'string' && /^https?:\/\//i.test(url)) return { ok: true, value: json as CreateSessionResponse };
  return failure('bad_response', json?.error?.message ?? `The inspection service answered with an error (HTTP ${response.status}).`, response.status);
}

/** `Retry-After` in seconds (the signer's only form) as an instant; an HTTP date is read too. */
function retryAtOf(header: string | null): number | undefined {
  if (!header) return undefined;
  const at = /^\d+$/.test(header) ? Date.now() + Number(header) * 1000 : Date.parse(header);
  return Number.isFinite(at) ? at : undefined;
}

/** No `signer` attribute: nothing to send to. The customer reads that the service is not available; the developer, how to fix it. */
export const noSigner = (): Failure => failure('bad_response', 'No signer attribute.');

function failure(code: WidgetError['code'], message: string, status?: number): Failure {
  return { ok: false, error: { code, message, issues: [] }, ...(status ? { status } : {}) };
}

/**
 * Resolves a signer route against the `signer` attribute, which may be absolute or page-relative
 * (`/pave-signer`); a base path is kept only when it ends with a slash, so one is added.
 */
function endpoint(signerUrl: string, path: string): URL {
  const base = signerUrl.endsWith('/') ? signerUrl : `${signerUrl}/`;
  return new URL(path, new URL(base, globalThis.location?.href));
}
