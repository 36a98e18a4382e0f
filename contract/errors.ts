/**
 * The error codes of the contract: what a client branches on. Pure data, shared by the signer (which
 * answers with them) and the widget (which words them in the customer's language).
 */

/** Every machine-readable error code the signer answers with; each with its HTTP status below. */
export const ERROR_CODES = [
  'invalid_request',
  'invalid_json',
  'unauthorized',
  'origin_not_allowed',
  'bot_check_failed',
  'unknown_site',
  'unknown_session',
  'payload_too_large',
  'unsupported_media_type',
  'resend_not_allowed',
  'rate_limited',
  'upstream_error',
  'upstream_rejected',
  'upstream_timeout',
  'busy',
  'not_found',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status of each code (docs/design.md's table); the signer answers with exactly these. */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  origin_not_allowed: 403,
  bot_check_failed: 403,
  unknown_site: 404,
  unknown_session: 404,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  resend_not_allowed: 409,
  rate_limited: 429,
  upstream_error: 502,
  upstream_rejected: 502,
  upstream_timeout: 504,
  busy: 503,
  internal_error: 500,
} as const satisfies Record<ErrorCode, number>;
