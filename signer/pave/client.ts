/**
 * A tiny runtime-neutral PAVE client: signs each call, bounds it in time, and turns every answer
 * into a closed union the signer can map to its own error codes. No Hono, no `node:`.
 *
 * It never retries a Create Session: PAVE documents no duplicate protection, so a retry after PAVE
 * may have received the request could text the customer twice.
 */
import { paveAuthHeaders, type PaveCredentials } from './sign.ts';
import { PaveErrorBody, PaveSession, type PaveCreateSessionBody } from './types.ts';

export interface PaveClientOptions {
  /** e.g. `https://openapi.paveapi.com` (no trailing `/v1`). */
  baseUrl: string;
  credentials: PaveCredentials;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Whole-call budget (headers and body) in milliseconds. */
  timeoutMs?: number;
}

/** How a PAVE call ended. `rejected` is PAVE's 4xx; `unavailable` its 5xx, garbage or a network failure. */
export type PaveOutcome<T> =
  | { ok: true; value: T; status: number }
  | { ok: false; kind: 'rejected'; status: number; message: string; fields: Record<string, string[]> }
  | { ok: false; kind: 'unavailable'; status?: number; reason: string }
  | { ok: false; kind: 'timeout' };

export interface PaveClient {
  /** `POST /v1/sessions`: a session with its `session_key` and usually its `capture_url`. */
  createSession(body: PaveCreateSessionBody): Promise<PaveOutcome<PaveSession>>;
  /** `GET /v1/sessions/:key`. */
  getSession(sessionKey: string): Promise<PaveOutcome<PaveSession>>;
  /** The branded capture URL PAVE recommends, for responses that lack `capture_url`. */
  captureUrlFor(sessionKey: string): string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * @example
 * const pave = createPaveClient({ baseUrl: 'https://openapi.paveapi.com', credentials });
 * const outcome = await pave.createSession({ session: { theme: 'PRO' } });
 */
export function createPaveClient(options: PaveClientOptions): PaveClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call(method: string, path: string, body?: unknown): Promise<PaveOutcome<unknown>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: await paveAuthHeaders(options.credentials, now()),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await response.text();
      // A fetch that ignores the signal (some test doubles, some runtimes) must not outlive the budget.
      if (controller.signal.aborted) return { ok: false, kind: 'timeout' };
      return interpret(response.status, text);
    } catch (error) {
      if (controller.signal.aborted) return { ok: false, kind: 'timeout' };
      return { ok: false, kind: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function session(method: string, path: string, body?: unknown): Promise<PaveOutcome<PaveSession>> {
    const outcome = await call(method, path, body);
    if (!outcome.ok) return outcome;
    const parsed = PaveSession.safeParse(outcome.value);
    if (!parsed.success) return { ok: false, kind: 'unavailable', status: outcome.status, reason: 'unexpected session body' };
    return { ok: true, status: outcome.status, value: parsed.data };
  }

  return {
    createSession: (body) => session('POST', '/v1/sessions', body),
    getSession: (key) => session('GET', `/v1/sessions/${encodeURIComponent(key)}`),
    captureUrlFor: (key) => `https://${options.credentials.username}.vehiclecapture.com/${key}`,
  };
}

function interpret(status: number, text: string): PaveOutcome<unknown> {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    return json === undefined ? { ok: false, kind: 'unavailable', status, reason: 'unparseable body' } : { ok: true, status, value: json };
  }
  if (status >= 400 && status < 500) {
    const parsed = PaveErrorBody.safeParse(json);
    const body = parsed.success ? parsed.data : {};
    return { ok: false, kind: 'rejected', status, message: body.message ?? `HTTP ${status}`, fields: body.errors ?? {} };
  }
  return { ok: false, kind: 'unavailable', status, reason: `HTTP ${status}` };
}
