/**
 * The one generator of the signer's OpenAPI 3.1 document, from the contract's zod schemas
 * (`z.toJSONSchema`, the same objects the signer validates with), so the document cannot drift from the
 * code. It runs at start-up on Node, Deno and Bun, and at build time for Workers (`scripts/openapi.ts`
 * writes `signer/openapi.json`), so zod's JSON Schema code never reaches the edge bundle. Served at
 * `GET /openapi.json` by `routes/openapi.ts`.
 */
import * as z from 'zod/mini';
import {
  CreateSessionRequest,
  CreateSessionResponse,
  ErrorBody,
  ResendRequest,
  ResendResponse,
  SessionStatusResponse,
} from '../../contract/schema.ts';
import { ERROR_STATUS, type ErrorCode } from '../../contract/errors.ts';

const ERROR_MEANINGS: Record<ErrorCode, string> = {
  invalid_request: 'the body fails the schema (`issues` lists each field)',
  invalid_json: 'the body is not JSON',
  unauthorized: 'an operator route (`/metrics`) without its bearer token',
  origin_not_allowed: '`Origin` is not in the site’s allow-list',
  bot_check_failed: 'the site requires a bot check and `X-Turnstile-Token` failed it',
  unknown_site: '`site` names no configured dealer',
  unknown_session: 'no such session, or a missing or wrong ticket',
  not_found: 'no such route',
  payload_too_large: 'the body is over the limit',
  unsupported_media_type: 'the body is not `application/json`',
  resend_not_allowed: 'PAVE’s rules forbid another text for this session',
  rate_limited: 'too many requests for this IP, phone or site (`Retry-After` set)',
  upstream_error: 'PAVE answered 5xx, something unparseable, or could not be reached',
  upstream_rejected: 'PAVE answered 4xx (its message passed on when it is about the customer’s input)',
  upstream_timeout: 'PAVE did not answer in time (a create is never retried)',
  busy: 'this instance has as many PAVE calls in flight as it allows; nothing was sent (`Retry-After` set)',
  internal_error: 'a bug in the signer',
};

/** The JSON Schema of a contract object, as a component (no `$schema` line). */
function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });

/** Error responses grouped by status, each listing its codes. */
function errors(codes: ErrorCode[]): Record<string, object> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      { description: list.map((code) => `\`${code}\`: ${ERROR_MEANINGS[code]}`).join('; '), content: json(ref('ErrorBody')) },
    ]),
  );
}

const origin = { name: 'Origin', in: 'header', required: true, description: 'The dealer page’s origin; checked against the site’s allow-list before anything else.', schema: { type: 'string' } };
const sessionKey = { name: 'key', in: 'path', required: true, description: 'The `session_key` of the create answer.', schema: { type: 'string', pattern: '^[A-Z0-9]{2,8}-[A-Z0-9]{4,20}$' } };
const followUpErrors: ErrorCode[] = ['origin_not_allowed', 'unknown_session', 'rate_limited', 'upstream_error', 'upstream_rejected', 'upstream_timeout', 'busy'];

/**
 * @example writeFileSync('signer/openapi.json', JSON.stringify(buildOpenApiDocument()))
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'pave-capture signer',
      version: '1.0.0',
      description:
        'Starts PAVE vehicle inspections for a dealer’s website. Holds the PAVE credentials, validates the widget’s request, signs PAVE’s Create Session call and answers with the capture link. Every error is `{"error": {"code", "message", "issues"?}}`.',
    },
    paths: {
      '/v1/sessions': {
        post: {
          summary: 'Start an inspection: show the capture link, or text it to the customer',
          parameters: [
            origin,
            { name: 'Idempotency-Key', in: 'header', required: false, description: 'The same key with the same body returns the first answer (header `Idempotent-Replayed: true`) instead of creating and texting again; the same key with another body is `400 invalid_request`.', schema: { type: 'string', pattern: '^[\\x21-\\x7E]{1,64}$' } },
            { name: 'X-Turnstile-Token', in: 'header', required: false, description: 'Bot-check token, when the site enables one.', schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: json(ref('CreateSessionRequest')) },
          responses: {
            '201': { description: 'The session; `ticket` proves it for the status and resend calls.', content: json(ref('CreateSessionResponse')) },
            ...errors(['invalid_request', 'invalid_json', 'origin_not_allowed', 'bot_check_failed', 'unknown_site', 'payload_too_large', 'unsupported_media_type', 'rate_limited', 'upstream_error', 'upstream_rejected', 'upstream_timeout', 'busy']),
          },
        },
      },
      '/v1/sessions/{key}/status': {
        get: {
          summary: 'How the inspection is going (nothing else of PAVE’s session)',
          security: [{ ticket: [] }],
          parameters: [origin, sessionKey],
          responses: { '200': { description: 'The session’s status.', content: json(ref('SessionStatusResponse')) }, ...errors(followUpErrors) },
        },
      },
      '/v1/sessions/{key}/resend': {
        post: {
          summary: 'Text the capture link again (PAVE allows it once per session, within 7 days, before QC_PASSED)',
          security: [{ ticket: [] }],
          parameters: [
            origin,
            sessionKey,
            { name: 'X-Turnstile-Token', in: 'header', required: false, description: 'Bot-check token, when the site enables one and the text goes to a number the session was not created for.', schema: { type: 'string' } },
          ],
          requestBody: { required: false, content: json(ref('ResendRequest')) },
          responses: {
            '200': { description: 'Texted; the masked number it went to.', content: json(ref('ResendResponse')) },
            ...errors(['invalid_request', 'invalid_json', 'unsupported_media_type', 'payload_too_large', 'resend_not_allowed', 'bot_check_failed', ...followUpErrors]),
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: '`{"ok": true}`' } } } },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
    components: {
      securitySchemes: {
        ticket: { type: 'http', scheme: 'bearer', description: 'The `ticket` of the create answer: a MAC over site and session key. Missing or wrong → `404 unknown_session`.' },
      },
      schemas: {
        CreateSessionRequest: schemaOf(CreateSessionRequest, 'input'),
        CreateSessionResponse: schemaOf(CreateSessionResponse, 'output'),
        SessionStatusResponse: schemaOf(SessionStatusResponse, 'output'),
        ResendRequest: schemaOf(ResendRequest, 'input'),
        ResendResponse: schemaOf(ResendResponse, 'output'),
        ErrorBody: schemaOf(ErrorBody, 'output'),
      },
    },
  };
}
