/**
 * Errors are data: the `code → status` table lives in `contract/errors.ts`; here, one envelope builder, one exception.
 * Every 4xx/5xx the signer sends is built here.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_STATUS, type ErrorCode } from '../contract/errors.ts';
import type { ErrorBody, ErrorIssue } from '../contract/schema.ts';


/** Thrown anywhere in a request; `app.onError` turns it into the contract's envelope. */
export class SignerError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { issues?: ErrorIssue[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'SignerError';
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers ?? {};
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code] as ContentfulStatusCode;
  }
}

/** `{ error: { code, message, issues? } }` */
export function errorBody(code: ErrorCode, message: string, issues?: ErrorIssue[]): ErrorBody {
  return { error: issues?.length ? { code, message, issues } : { code, message } };
}

/** A ready response for middleware that answers before any handler runs. */
export function errorResponse(error: SignerError, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(error.code, error.message, error.issues)), {
    status: error.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...error.headers, ...headers },
  });
}

/** `400 invalid_request` for one field. */
export function invalidField(path: string, message: string): SignerError {
  return new SignerError('invalid_request', 'Please correct the highlighted field.', { issues: [{ path, message }] });
}

/** A shared store (rate-limit counters, idempotent answers) did not answer: refuse rather than run unguarded. */
export function storeUnavailable(): SignerError {
  return new SignerError('upstream_error', 'The service is busy right now. Please try again in a minute.');
}
