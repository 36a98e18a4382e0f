/**
 * A tiny runtime-neutral PAVE client: signs each call, bounds it in time, and turns every answer
 * into a closed union the signer can map to its own error codes. No Hono, no `node:`.
 *
 * Retries: exactly one, and only when the connection never opened (refused, DNS), so PAVE cannot have
 * received the request. Never after a timeout, a reset or any answer: PAVE documents no duplicate
 * protection, so a blind retry of a create (or a resend) could text the customer twice.
 */
import { isNeverConnected } from './connect-error.ts';
import type { Hashing } from './hashing.ts';
import { createPaveSigner, type PaveCredentials } from './sign.ts';
import { PaveErrorBody, PaveSession, type PaveCreateSessionBody, type PaveResendBody } from './types.ts';

/** One call as the client makes it: a whole body out, a whole body back. */
export interface PaveHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborted when the call's budget is spent: the client must give up then. */
  signal: AbortSignal;
}

/**
 * The HTTP client the PAVE client speaks through: Web `fetch` by default (every runtime has it); the Node
 * entry passes a keep-alive connection pool instead (`signer/node-http.ts`), several times cheaper per call.
 * It resolves with any answer PAVE gives and rejects only when there is none (refused, reset, aborted).
 */
export type PaveHttp = (request: PaveHttpRequest) => Promise<{ status: number; text: string }>;

/** `PaveHttp` over a `fetch`. @example createPaveClient({ …, http: fetchHttp(sandbox.request) }) */
export function fetchHttp(doFetch: typeof fetch = (input, init) => fetch(input, init)): PaveHttp {
  return async ({ url, ...init }) => {
    const response = await doFetch(url, init);
    return { status: response.status, text: await response.text() };
  };
}

interface PaveClientOptions {
  /** e.g. `https://openapi.paveapi.com` (no trailing `/v1`). */
  baseUrl: string;
  credentials: PaveCredentials;
  /** How calls leave: an injected client (the Node entry's pool), else `fetchHttp(fetch)`. */
  http?: PaveHttp;
  fetch?: typeof fetch;
  now?: () => Date;
  /** Whole-call budget (headers, body, and the one retry of a refused connection) in milliseconds. */
  timeoutMs?: number;
  /** How to compute the HMAC: Web Crypto by default. */
  hashing?: Hashing;
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
  /**
   * `POST /v2/capture/sessions/:key/resend`: texts the link again (PAVE allows it once per session, within
   * seven days, before `QC_PASSED`), to `phone` when given. Any 2xx is success; its body is not relied on.
   */
  resendSms(sessionKey: string, body: PaveResendBody): Promise<PaveOutcome<null>>;
  /** The branded capture URL PAVE recommends, for responses that lack `capture_url`. */
  captureUrlFor(sessionKey: string): string;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The `reason` of a 2xx without a body. */
const EMPTY_BODY = 'empty body';

/**
 * @example
 * const pave = createPaveClient({ baseUrl: 'https://openapi.paveapi.com', credentials });
 * const outcome = await pave.createSession({ session: { theme: 'PRO' } });
 */
export function createPaveClient(options: PaveClientOptions): PaveClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const http = options.http ?? fetchHttp(options.fetch);
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sign = createPaveSigner(options.credentials, options.hashing);

  async function call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<PaveOutcome<unknown>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const attempt = async () =>
      http({
        method,
        url: `${baseUrl}${path}`,
        // Minted per attempt: the token covers the timestamp it is sent with.
        headers: { ...(await sign(now())), ...extraHeaders },
        body: payload,
        signal: controller.signal,
      });
    try {
      let answer: { status: number; text: string };
      try {
        answer = await attempt();
      } catch (error) {
        if (controller.signal.aborted || !isNeverConnected(error)) throw error;
        answer = await attempt(); // the connection never opened: PAVE cannot have seen the first try
      }
      // A fetch that ignores the signal (some test doubles, some runtimes) must not outlive the budget.
      if (controller.signal.aborted) return { ok: false, kind: 'timeout' };
      return interpret(answer.status, answer.text);
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
    async resendSms(key, body) {
      // Decision: PAVE documents only `API-Access-Token: <api key>` for the v2 resend; the v1 signature
      // headers go along too (harmless if ignored, and enough if v2 checks them like v1).
      const outcome = await call('POST', `/v2/capture/sessions/${encodeURIComponent(key)}/resend`, body, {
        'API-Access-Token': options.credentials.apiKey,
      });
      if (outcome.ok) return { ok: true, status: outcome.status, value: null };
      // An empty 200/204 is success for a resend; a page that is not JSON (a proxy's) is not.
      if (outcome.kind === 'unavailable' && outcome.reason === EMPTY_BODY && outcome.status !== undefined) {
        return { ok: true, status: outcome.status, value: null };
      }
      return outcome;
    },
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
    if (json !== undefined) return { ok: true, status, value: json };
    return { ok: false, kind: 'unavailable', status, reason: text.trim() ? 'unparseable body' : EMPTY_BODY };
  }
  if (status >= 400 && status < 500) {
    const parsed = PaveErrorBody.safeParse(json);
    const body = parsed.success ? parsed.data : {};
    return { ok: false, kind: 'rejected', status, message: body.message ?? `HTTP ${status}`, fields: body.errors ?? {} };
  }
  return { ok: false, kind: 'unavailable', status, reason: `HTTP ${status}` };
}
