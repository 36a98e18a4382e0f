/**
 * Every error the signer answers with, and every sentence a customer may read from it, in one file. The
 * `code → status` table is the contract's (`contract/errors.ts`); here are the envelope, the one exception
 * routes throw, and one named factory per refusal. Code elsewhere picks a factory; it never writes a message.
 * No hono, no `node:`: `policy/` uses these too.
 */
import { ERROR_STATUS, type ErrorCode } from '../contract/errors.ts';
import type { ErrorBody, ErrorIssue } from '../contract/schema.ts';
import { VIN_MESSAGES, type VinProblem } from '../contract/vin.ts';

/** The HTTP status of an error code: one of the contract's, never another. */
type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

/** Thrown anywhere in a request; `app.onError` turns it into the contract's envelope. */
export class SignerError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;
  /** PAVE may have created the session and texted: a retry may text again (`error.may_have_texted`). */
  readonly mayHaveTexted: boolean;

  constructor(code: ErrorCode, message: string, options: { issues?: ErrorIssue[]; headers?: Record<string, string>; mayHaveTexted?: boolean } = {}) {
    super(message);
    this.name = 'SignerError';
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
    this.mayHaveTexted = options.mayHaveTexted ?? false;
  }

  get status(): ErrorStatus {
    return ERROR_STATUS[this.code];
  }
}

/** The contract's envelope of an error: `{ error: { code, message, issues?, may_have_texted? } }`. */
export function errorBody({ code, message, issues, mayHaveTexted }: SignerError): ErrorBody {
  return { error: { code, message, ...(issues?.length ? { issues } : {}), ...(mayHaveTexted ? { may_have_texted: true } : {}) } };
}

/**
 * A timeout or 5xx of an SMS create: PAVE may have texted. The customer is told to use a text that arrives,
 * and `Retry-After` says when a retry is no longer answered with this same refusal.
 */
export function mayHaveTexted(error: SignerError, retryAfterSeconds: number): SignerError {
  return new SignerError(error.code, 'The inspection service may have sent your text: if a text arrives, use it. Otherwise try again in a few minutes.', {
    mayHaveTexted: true,
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

/** A ready response for middleware that answers before any handler runs. */
export function errorResponse(error: SignerError, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(error)), {
    status: error.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...error.headers, ...headers },
  });
}

// --- The request itself -------------------------------------------------------------------------

export const originNotAllowed = () => new SignerError('origin_not_allowed', 'This website is not allowed to start inspections with this signer.');

/** A body over `maxBytes`, refused before it is parsed. */
export const payloadTooLarge = (maxBytes: number) => new SignerError('payload_too_large', `The request body must be at most ${maxBytes} bytes.`);

/** The same refusal when Hono's own body reader gives up, with no limit to name. */
export const bodyTooLarge = () => new SignerError('payload_too_large', 'The request body is too large.');

export const unsupportedMediaType = () => new SignerError('unsupported_media_type', 'Send the request as application/json.');

export const invalidJson = () => new SignerError('invalid_json', 'The request body is not valid JSON.');

/** `400 invalid_request` for a body that fails the contract's schema; `issues` names each field. */
export const invalidRequest = (issues: ErrorIssue[]) => new SignerError('invalid_request', 'Please correct the highlighted fields.', { issues });

/** `400 invalid_request` for one field: its issue's code (and that code's parameters) and English words. */
export function invalidField(issue: ErrorIssue): SignerError {
  return new SignerError('invalid_request', 'Please correct the highlighted field.', { issues: [issue] });
}

export const notFound = () => new SignerError('not_found', 'No such route.');

/** An operator route (`/metrics`) without its bearer token (RFC 6750: `401` with `WWW-Authenticate`). */
export const unauthorized = () =>
  new SignerError('unauthorized', 'This route needs the operator’s token: Authorization: Bearer <METRICS_TOKEN>.', { headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } });

/** A bug: never a stack trace or an internal message in the answer. */
export const internalError = () => new SignerError('internal_error', 'Something went wrong on our side. Please try again.');

/** A Worker whose bindings do not make a configuration (it cannot refuse to start). */
export const notConfigured = () => new SignerError('internal_error', 'The signer is not configured.');

// --- Sites and sessions -------------------------------------------------------------------------

export const unknownSite = () => new SignerError('unknown_site', 'This signer serves no such site.');

/** A page several sites allow, a request that names none, and no default site. */
export const siteNotNamed = () => new SignerError('unknown_site', 'This signer serves several sites from this website: the request must name its site.');

/** No such session, or a missing or wrong ticket: the two look the same on purpose. */
export const unknownSession = () => new SignerError('unknown_session', 'We do not know this inspection. Please start a new one.');

// --- The site's rules ---------------------------------------------------------------------------

export const vinRequired = () => invalidField({ path: 'vin', code: 'required', message: 'A VIN is required.' });

/** A VIN the site's strict rule refuses, in the contract's one wording (the widget shows the same). */
export const vinRefused = (problem: VinProblem) => invalidField({ path: 'vin', code: `vin_${problem}`, message: VIN_MESSAGES[problem] });

/** Why a number cannot be texted: the `phone` issue of a create or a resend. */
export const PHONE_ISSUES = {
  notMobile: (): ErrorIssue => ({ path: 'phone', code: 'not_mobile', message: 'This is not a mobile number we can text.' }),
  countryNotAllowed: (allowed: readonly string[]): ErrorIssue => ({
    path: 'phone',
    code: 'country_not_allowed',
    countries: [...allowed],
    message: `We can only text numbers in ${allowed.map(countryName).join(', ')}.`,
  }),
} as const;

/** "Canada" rather than "CA" (which reads as California) in the English fallback. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// --- Idempotency --------------------------------------------------------------------------------

/** A malformed `Idempotency-Key`; `message` is the contract's words for it when it has some. */
export const invalidIdempotencyKey = (message = 'Invalid Idempotency-Key.') => invalidField({ path: 'Idempotency-Key', code: 'invalid', message });

export const idempotencyKeyReused = () => invalidField({ path: 'Idempotency-Key', code: 'key_reused', message: 'This Idempotency-Key was already used for a different request.' });

/** A shared store (rate-limit counters, idempotent answers) did not answer: refuse rather than run unguarded. */
export const storeUnavailable = () => new SignerError('upstream_error', 'The service is busy right now. Please try again in a minute.');

// --- Defences -----------------------------------------------------------------------------------

/**
 * Which ceiling refused: the caller's network, the destination number, the site's minute or its day (for
 * sessions and for texts alike), or one session's follow-up calls.
 */
export type LimitDimension = 'ip' | 'phone' | 'site_minute' | 'site_day' | 'session';

const RATE_LIMIT_MESSAGES: Record<LimitDimension, string> = {
  ip: 'Too many requests from your network. Please wait a minute and try again.',
  session: 'Too many requests for this inspection. Please wait a little and try again.',
  phone: 'This number was sent several links recently. Please wait before asking for another one.',
  site_minute: 'This dealer is receiving many requests right now. Please try again in a minute.',
  site_day: 'This dealer has reached today’s limit of inspection links. Please try again later or contact the dealer.',
};

/** `429 rate_limited` with `Retry-After` in whole seconds. */
export const rateLimited = (dimension: LimitDimension, retryAfterSeconds: number) =>
  new SignerError('rate_limited', RATE_LIMIT_MESSAGES[dimension], { headers: { 'Retry-After': String(retryAfterSeconds) } });

/**
 * `503 busy`: this instance already has as many PAVE calls in flight as it allows (`PAVE_MAX_CONCURRENCY`).
 * Nothing was sent and nothing spent; `Retry-After` in whole seconds.
 */
export const busy = (retryAfterSeconds = 1) =>
  new SignerError('busy', 'Many inspections are being started right now. Please try again in a few seconds.', { headers: { 'Retry-After': String(retryAfterSeconds) } });

/** `reason` is the bot check's: when Siteverify itself failed, the customer is not asked to solve it again. */
export function botCheckFailed(reason: string): SignerError {
  return new SignerError(
    'bot_check_failed',
    reason === 'unavailable' || reason === 'timeout'
      ? 'We could not run the check that you are not a robot. Please try again in a minute.'
      : 'Please complete the check that you are not a robot, then try again.',
  );
}

// --- PAVE ---------------------------------------------------------------------------------------

export const upstreamTimeout = () => new SignerError('upstream_timeout', 'The inspection service did not answer in time. Please try again in a minute.');

export const upstreamUnavailable = () => new SignerError('upstream_error', 'The inspection service is unavailable right now. Please try again later.');

/** PAVE answered, but not with anything the contract can carry (e.g. a status it never documented). */
export const upstreamUnexpected = () => new SignerError('upstream_error', 'The inspection service answered unexpectedly. Please try again later.');

export const credentialsRefused = () => new SignerError('upstream_rejected', 'The inspection service refused this dealer’s credentials. Please contact the dealer.');

/** PAVE refused; `issues` holds only what is about the customer's own input. */
export const upstreamRejected = (issues: ErrorIssue[]) => new SignerError('upstream_rejected', 'The inspection service refused the request.', { issues });

/** PAVE refused a resend without naming a field: its own rule (once, within 7 days, not after `QC_PASSED`). */
export const resendRefused = () => new SignerError('resend_not_allowed', 'This link cannot be texted again: it can be resent once, before the photos are checked.');

/** A session whose link was shown, not texted: there is no number to text again. */
export const resendWithoutText = () => new SignerError('resend_not_allowed', 'This inspection link was not sent by text, so it cannot be texted again.');
