/**
 * Reads the signer's answers in the browser without shipping zod (≈6 KB min+gzip) to every dealer page.
 *
 * The types come from `contract/schema.ts` (type-only imports cost nothing); these readers check just what the
 * widget relies on — the strings it shows, and that `capture_url` is an http(s) URL before it becomes an
 * `href` or a QR code. The signer validates authoritatively. `test/widget/net/parse.test.ts` runs every reader
 * against the contract's zod schemas so the two cannot drift apart.
 */
import type { CreateSessionResponse, ErrorBody, ErrorIssue, ResendResponse, SessionStatusResponse } from '../../contract/schema.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);

function isHttpUrl(value: unknown): boolean {
  if (!isString(value)) return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The `201` body of `POST /v1/sessions`, or `undefined` when it is not one. */
export function readCreated(json: unknown): CreateSessionResponse | undefined {
  if (!isObject(json)) return undefined;
  const { session_key, capture_url, delivery, sms_to, ticket } = json;
  if (!isString(session_key) || !isHttpUrl(capture_url) || !isString(ticket)) return undefined;
  if (delivery !== 'link' && delivery !== 'sms') return undefined;
  if (!optional(sms_to, isString)) return undefined;
  return { session_key, capture_url: capture_url as string, delivery, ticket, ...(isString(sms_to) ? { sms_to } : {}) };
}

/**
 * The `200` body of `GET /v1/sessions/:key/status`. A status this version does not know is passed on as
 * read (a newer signer may add one): the element shows nothing for it and keeps polling.
 */
export function readStatus(json: unknown): SessionStatusResponse | undefined {
  if (!isObject(json) || !isString(json.status) || !optional(json.updated_at, (v) => v === null || isString(v))) return undefined;
  return { status: json.status as SessionStatusResponse['status'], updated_at: (json.updated_at as string | null | undefined) ?? null };
}

/** The `200` body of `POST /v1/sessions/:key/resend`. */
export function readResent(json: unknown): ResendResponse | undefined {
  return isObject(json) && isString(json.sms_to) ? { sms_to: json.sms_to } : undefined;
}

/** The error envelope; an unknown `code` from a newer signer is passed on, its `message` is what people read. */
export function readError(json: unknown): ErrorBody['error'] | undefined {
  if (!isObject(json) || !isObject(json.error)) return undefined;
  const { code, message, issues } = json.error;
  if (!isString(code) || !isString(message)) return undefined;
  const list = Array.isArray(issues) ? issues.filter((i): i is Json & { path: string; message: string } => isObject(i) && isString(i.path) && isString(i.message)) : [];
  // An older signer sends no `code`: `invalid` shows its message as it is.
  const coded = list.map((issue) => ({ ...issue, code: isString(issue.code) ? issue.code : 'invalid' }) as ErrorIssue);
  return { code: code as ErrorBody['error']['code'], message, issues: coded, ...(json.error.may_have_texted === true ? { may_have_texted: true } : {}) };
}
