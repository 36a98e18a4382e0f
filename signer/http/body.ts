/**
 * Reading a JSON request body in the contract's terms: `415 unsupported_media_type` for another
 * content type (Hono's validator would quietly see `{}`), `400 invalid_json` for a body that does not parse.
 */
import type { Context } from 'hono';
import { SignerError } from '../errors.ts';

/** @example app.post('/', async (c) => { const body = await readJson(c); … }) */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new SignerError('unsupported_media_type', 'Send the request as application/json.');
  }
  try {
    return await c.req.json(); // parsed once and cached for the validator
  } catch {
    throw new SignerError('invalid_json', 'The request body is not valid JSON.');
  }
}
