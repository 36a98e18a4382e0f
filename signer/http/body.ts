/**
 * A request body in the contract's terms, before anything reads it: `413 payload_too_large` over the size
 * limit (from `Content-Length` when it frames the body, else counted as it streams, so a chunked body
 * cannot slip past), `415 unsupported_media_type` for another
 * content type (Hono's validator would quietly see `{}`), `400 invalid_json` for a body that does not parse,
 * and `400 invalid_request` with one issue per field for a body the schema refuses.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type * as z from 'zod/mini';
import { toIssues } from '../../contract/schema.ts';
import { errorResponse, invalidJson, invalidRequest, payloadTooLarge, SignerError, unsupportedMediaType } from '../errors.ts';

/**
 * The size limit. A body framed by `Content-Length` is judged by the header alone — the HTTP parser of
 * every runtime reads exactly that many bytes, so it cannot grow past it — and is left untouched: on
 * Node, touching `Request.body` would build a web stream for every POST, the costliest step of a create
 * (issue 14). A body without one (chunked) is counted as it streams and refused once over the limit.
 * A body whose stream breaks before its end (the client went away, or was cut off by the server's request
 * timeout) is `400 invalid_json` — a truncated body, as `readJson` says of one with a length — never an
 * `unhandled error`.
 * @example app.post('/:key/resend', limitBody(1024), handler)
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => errorResponse(payloadTooLarge(maxBytes));
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    const declared = declaredLength(c.req.header('Content-Length'), c.req.header('Transfer-Encoding'));
    if (declared !== undefined) {
      if (declared > maxBytes) return tooLarge();
      await next();
      return;
    }
    let read = false;
    try {
      // bodyLimit answers a body over the limit itself: its Response is this middleware's.
      return await counted(c, () => {
        read = true;
        return next();
      });
    } catch (error) {
      // Errors after the body was read are the next handlers': passed on untouched.
      if (read || error instanceof SignerError || error instanceof HTTPException) throw error;
      throw invalidJson();
    }
  };
}

/**
 * The length `Content-Length` declares when it frames the body: digits only, and no `Transfer-Encoding`
 * (which overrides it, RFC 9112 §6.3). `undefined` when the body must be counted instead.
 * @example declaredLength('42', undefined) // 42
 * @example declaredLength('42', 'chunked') // undefined
 */
export function declaredLength(contentLength: string | undefined, transferEncoding: string | undefined): number | undefined {
  if (contentLength === undefined || transferEncoding !== undefined || !/^\d{1,15}$/.test(contentLength)) return undefined;
  return Number(contentLength);
}

/**
 * The size limit, then the JSON read, so the handlers after it (and `schema`) see a parsed body.
 * @example app.post('/v1/sessions', jsonBody(MAX_BODY_BYTES), schema(CreateSessionRequest), handler)
 */
export function jsonBody(maxBytes: number): MiddlewareHandler {
  const limit = limitBody(maxBytes);
  return (c, next) =>
    limit(c, async () => {
      await readJson(c);
      await next();
    });
}

/** @example app.post('/', async (c) => { const body = await readJson(c); … }) */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw unsupportedMediaType();
  try {
    return await c.req.json(); // parsed once and cached for the validator
  } catch {
    throw invalidJson();
  }
}

/**
 * The body checked against a contract schema; the handler reads it typed with `c.req.valid('json')`.
 * @example app.post('/v1/sessions', jsonBody(MAX_BODY_BYTES), schema(CreateSessionRequest), (c) => c.req.valid('json'))
 */
export const schema = <T extends z.ZodMiniType>(contract: T) => validator('json', (value) => parsed(contract, value));

/** A body checked against a contract schema, outside a validator (a body that may be absent). */
export function parsed<T extends z.ZodMiniType>(contract: T, value: unknown): z.output<T> {
  const result = contract.safeParse(value);
  if (!result.success) throw invalidRequest(toIssues(result.error.issues));
  return result.data;
}
