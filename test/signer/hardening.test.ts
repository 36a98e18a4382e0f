/**
 * Input hardening, case by case (the fuzz test covers the space between): body limit before parsing —
 * also over a real socket with chunked bodies —, Content-Type, strict schema, length caps, control
 * characters, secure headers on every response, and no internals in any response.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../signer/app.ts';
import { MAX_BODY_BYTES } from '../../contract/schema.ts';
import { createDefendedStack, ORIGIN } from '../fixtures/defended-stack.ts';

const json = (response: Response) => response.json() as Promise<any>;

async function expectError(response: Response, status: number, code: string, paths?: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const { error } = await json(response);
  expect(error.code).toBe(code);
  expect(error.message).toEqual(expect.any(String));
  if (paths) expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
}

describe('body size, before parsing', () => {
  it('accepts a body of exactly 8 KiB and refuses one byte more with 413', async () => {
    const stack = createDefendedStack();
    const exact = (size: number) => `{"delivery":"link"${' '.repeat(size - 19)}}`;
    expect(new TextEncoder().encode(exact(MAX_BODY_BYTES)).length).toBe(MAX_BODY_BYTES);
    expect((await stack.post(exact(MAX_BODY_BYTES))).status).toBe(201);
    await expectError(await stack.post(exact(MAX_BODY_BYTES + 1)), 413, 'payload_too_large');
    expect(stack.paveCalls()).toHaveLength(1);
  });

  describe('over a real socket', () => {
    let server: ServerType;
    let port = 0;
    const stack = createDefendedStack();
    beforeAll(async () => {
      port = await new Promise<number>((resolve) => {
        server = serve({ fetch: stack.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
      });
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    /** A raw HTTP/1.1 request, so the test controls Content-Length and chunking. */
    const raw = (headers: Record<string, string>, chunks: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port, agent: false, method: 'POST', path: '/v1/sessions', headers: { Origin: ORIGIN, 'Content-Type': 'application/json', ...headers } },
          (res) => {
            let body = '';
            res.on('data', (chunk) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });

    it('refuses a chunked body that grows past the limit (no Content-Length to trust)', async () => {
      const result = await raw({ 'Transfer-Encoding': 'chunked' }, ['{"delivery":"link","name":"', ...new Array(64).fill('x'.repeat(1024)), '"}']);
      expect(result.status).toBe(413);
      expect(JSON.parse(result.body).error.code).toBe('payload_too_large');
    });

    it('refuses a declared Content-Length over the limit without reading the body', async () => {
      // Headers and a few bytes of a claimed megabyte: the answer must come without waiting for the rest.
      const answer = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\n` +
              `Content-Length: ${1024 * 1024}\r\n\r\n{"delivery":"link"`,
          );
        });
        socket.on('data', (chunk) => {
          text += chunk;
          if (text.includes('}}')) socket.destroy(), resolve(text);
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toContain('"code":"payload_too_large"');
      expect(stack.paveCalls()).toEqual([]);
    });

    it('accepts a small chunked body', async () => {
      const result = await raw({ 'Transfer-Encoding': 'chunked' }, ['{"delivery":', '"link"}']);
      expect(result.status).toBe(201);
    });
  });
});

describe('Content-Type', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8'])('accepts %s', async (type) => {
    expect((await createDefendedStack().post({ delivery: 'link' }, { 'Content-Type': type })).status).toBe(201);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'application/json-patch+json', 'json', ''])(
    'refuses %j with 415, reaching nothing',
    async (type) => {
      const stack = createDefendedStack();
      await expectError(await stack.post({ delivery: 'link' }, { 'Content-Type': type }), 415, 'unsupported_media_type');
      expect(stack.paveCalls()).toEqual([]);
    },
  );
});

describe('the body', () => {
  const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1000', RATE_LIMIT_SITE: '1000' } });

  it.each([
    ['empty', ''],
    ['truncated', '{"delivery":"link"'],
    ['single quotes', "{'delivery':'link'}"],
    ['a trailing comma', '{"delivery":"link",}'],
    ['NaN', '{"delivery":"link","x":NaN}'],
  ])('not JSON (%s): 400 invalid_json', async (_name, body) => {
    await expectError(await stack.post(body), 400, 'invalid_json');
  });

  it.each([
    ['an array', '[{"delivery":"link"}]'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"link"'],
    ['deeply nested', `{"delivery":"link","metadata":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}`],
  ])('JSON but not an object of the contract (%s): 400 invalid_request', async (_name, body) => {
    await expectError(await stack.post(body), 400, 'invalid_request');
  });

  it('names every unknown field, including PAVE options and prototype keys', async () => {
    const body = '{"delivery":"link","theme":"LITE","redirect_url":"https://evil.example","sms":{"from":"x"},"__proto__":{"admin":true},"constructor":1}';
    await expectError(await stack.post(body), 400, 'invalid_request', ['theme', 'redirect_url', 'sms', '__proto__', 'constructor']);
  });

  it.each([
    ['name', { name: 'x'.repeat(81) }],
    ['phone', { delivery: 'sms', phone: '202-555-0143'.padEnd(33, '-') }],
    ['vin', { vin: '1'.repeat(41) }],
    ['site', { site: 'a'.repeat(65) }],
    ['metadata.lead', { metadata: { lead: 'x'.repeat(257) } }],
    ['metadata', { metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }],
    ['metadata.a b', { metadata: { 'a b': 'v' } }],
  ])('caps %s', async (path, fields) => {
    await expectError(await stack.post({ delivery: 'link', ...fields }), 400, 'invalid_request', [path]);
  });

  it.each([
    ['NUL', 'Jane\u0000'],
    ['BEL', 'Jane\u0007'],
    ['ESC', '\u001b[31mJane'],
    ['a line break', 'Jane\nSmith'],
    ['right-to-left override', 'Jane\u202eeniLA'],
    ['zero-width joiner', 'Ja\u200dne'],
    ['line separator', 'Jane\u2028Smith'],
  ])('refuses control characters in text (%s)', async (_name, name) => {
    await expectError(await stack.post({ delivery: 'link', name }), 400, 'invalid_request', ['name']);
    await expectError(await stack.post({ delivery: 'link', metadata: { lead: name } }), 400, 'invalid_request', ['metadata.lead']);
  });

  it('reached PAVE with none of it', () => {
    expect(stack.paveCalls()).toEqual([]);
  });
});

describe('every response', () => {
  it('carries the secure headers, whatever its status', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '2' } });
    stack.sandbox.faults.set('error', { times: 1 });
    const responses = [
      await stack.app.request('/healthz'),
      await stack.app.request('/nowhere'),
      await stack.app.request('/v1/sessions', { method: 'OPTIONS', headers: { Origin: ORIGIN } }),
      await stack.post({ delivery: 'link' }, { Origin: 'https://evil.example' }),
      await stack.post({ delivery: 'link' }), // 502: the sandbox's 500
      await stack.post({ delivery: 'link' }), // 201
      await stack.post({ delivery: 'link' }), // 429
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 404, 204, 403, 502, 201, 429]);
    for (const response of responses) {
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
      expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(response.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
      expect(response.headers.get('X-Powered-By')).toBeNull();
    }
  });

  it('hides an unexpected failure behind 500 internal_error: no stack, no internal message', async () => {
    const stack = createDefendedStack();
    const errors: string[] = [];
    const original = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      const app = createApp({
        config: stack.config,
        log: () => {},
        events: () => {},
        admit: async () => {
          throw new TypeError('Cannot read properties of undefined (reading "apiSecret") at limits.ts:42');
        },
      });
      const response = await app.request('/v1/sessions', { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' } });
      expect(text).not.toMatch(/apiSecret|limits\.ts|TypeError|at /);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    } finally {
      console.error = original;
    }
    // The operator still learns what happened, on one line.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('unhandled error');
  });
});
