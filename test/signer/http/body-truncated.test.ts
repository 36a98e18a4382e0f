/**
 * A body whose stream breaks before its end (the client went away, or the server's request timeout cut
 * it) is a truncated body, `400 invalid_json` — not an unhandled error — while errors of the handlers
 * after the body was read are theirs.
 */
import { describe, expect, it } from 'vitest';
import { createStack, ORIGIN } from '../../fixtures/stack.ts';

/** A chunked body (no Content-Length) that sends `first`, then fails as a reset connection does. */
function breakingBody(first: string): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    pull(controller) {
      if (sent) return controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      sent = true;
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

describe('a body cut off before its end', () => {
  it.each([
    ['a create', '/v1/sessions'],
    ['a resend', '/v1/sessions/DMO-ABCDEFGH/resend'],
  ])('is 400 invalid_json on %s, and logged as the refusal it is', async (_name, path) => {
    const stack = createStack();
    const response = await stack.app.request(path, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json', Authorization: 'Bearer t' },
      body: breakingBody('{"delivery":"'),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    expect(stack.logs.map((line) => [line.status, line.error])).toEqual([[400, 'invalid_json']]);
    expect(stack.paveCalls()).toEqual([]);
  });

  it('leaves a body over the limit to the limit: 413 payload_too_large, chunked too', async () => {
    const stack = createStack();
    const response = await stack.app.request('/v1/sessions', {
      method: 'POST',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/json' },
      body: breakingBody(`{"delivery":"link","name":"${'x'.repeat(9000)}`),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('still lets a whole body through to the route', async () => {
    const stack = createStack();
    expect((await stack.post({ delivery: 'link' })).status).toBe(201);
  });
});
