/**
 * The body limit on its own: judged by `Content-Length` when it frames the body (without reading it),
 * counted as it streams when it does not (chunked), the contract's 413 envelope either way.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { declaredLength, jsonBody, limitBody } from '../../../signer/http/body.ts';

const LIMIT = 64;

function app() {
  const hono = new Hono();
  hono.post('/limited', limitBody(LIMIT), async (c) => c.json({ length: (await c.req.text()).length }));
  hono.post('/json', jsonBody(LIMIT), async (c) => c.json({ got: await c.req.json() }));
  return hono;
}

/** A body that never ends and fails the test if anything reads it. */
function unreadable(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull() {
      throw new Error('the body was read');
    },
  });
}

/** A body streamed in `count` chunks of `size` bytes, with no length known in advance. */
function streamed(count: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === count) return controller.close();
      controller.enqueue(new TextEncoder().encode('x'.repeat(size)));
    },
  });
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  app().request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

async function expectTooLarge(response: Response) {
  expect(response.status).toBe(413);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  expect(await response.json()).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
}

describe('limitBody', () => {
  it('refuses a declared Content-Length over the limit without reading a byte of the body', async () => {
    await expectTooLarge(await post('/limited', unreadable(), { 'Content-Length': String(LIMIT + 1) }));
  });

  it('lets a declared body within the limit through, whole', async () => {
    const response = await post('/limited', 'x'.repeat(LIMIT), { 'Content-Length': String(LIMIT) });
    expect([response.status, await response.json()]).toEqual([200, { length: LIMIT }]);
  });

  it('counts a body without Content-Length as it streams, and refuses it past the limit', async () => {
    await expectTooLarge(await post('/limited', streamed(10, 10)));
  });

  it('lets a streamed body within the limit through, whole', async () => {
    const response = await post('/limited', streamed(6, 10));
    expect([response.status, await response.json()]).toEqual([200, { length: 60 }]);
  });

  it('counts the body when Transfer-Encoding is present, whatever Content-Length says', async () => {
    await expectTooLarge(await post('/limited', streamed(10, 10), { 'Content-Length': '5', 'Transfer-Encoding': 'chunked' }));
  });
});

describe('jsonBody', () => {
  it('reads the JSON of a body framed by Content-Length', async () => {
    const text = '{"delivery":"link"}';
    const response = await post('/json', text, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
    expect([response.status, await response.json()]).toEqual([200, { got: { delivery: 'link' } }]);
  });
});

describe('declaredLength', () => {
  it.each([
    ['0', undefined, 0],
    ['8192', undefined, 8192],
    ['12', 'chunked', undefined],
    [undefined, undefined, undefined],
    [undefined, 'chunked', undefined],
    ['', undefined, undefined],
    ['-1', undefined, undefined],
    ['1e3', undefined, undefined],
    ['12, 12', undefined, undefined],
    ['9'.repeat(16), undefined, undefined],
  ])('Content-Length %j, Transfer-Encoding %j → %j', (length, encoding, expected) => {
    expect(declaredLength(length, encoding)).toBe(expected);
  });
});
