/**
 * The Node entry's keep-alive client for PAVE (undici's Agent behind the `PaveHttp` port), against real
 * sockets: what it sends, that it keeps connections, that the PAVE client's budget and one retry work
 * through it, and that the sandbox accepts the calls it signs.
 */
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_ACCOUNT } from '../../demo/sandbox/app.ts';
import { createPooledHttp } from '../../signer/node-http.ts';
import { isNeverConnected } from '../../signer/pave/connect-error.ts';
import { createPaveClient } from '../../signer/pave/client.ts';
import { nodeHashing } from '../../signer/node-hashing.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A node:http server that records each request (with the socket it came on) and answers `answer`. */
async function recordingServer(answer: (request: IncomingMessage, body: string) => { status: number; body: string; delayMs?: number }) {
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string; socket: number }> = [];
  const sockets = new Map<unknown, number>();
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (!sockets.has(request.socket)) sockets.set(request.socket, sockets.size + 1);
      seen.push({ method: request.method, url: request.url, headers: request.headers, body, socket: sockets.get(request.socket)! });
      const { status, body: text, delayMs = 0 } = answer(request, body);
      setTimeout(() => response.writeHead(status, { 'Content-Type': 'application/json' }).end(text), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return { seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function pool() {
  const created = createPooledHttp();
  cleanups.push(() => created.close());
  return created.http;
}

describe('createPooledHttp', () => {
  it('sends the method, path with query, headers and body, and returns the status and whole text', async () => {
    const server = await recordingServer(() => ({ status: 201, body: '{"ok":true}' }));
    const answer = await pool()({
      method: 'POST',
      url: `${server.url}/v1/sessions?x=1`,
      headers: { 'API-Key': 'k', 'Content-Type': 'application/json' },
      body: '{"a":1}',
      signal: new AbortController().signal,
    });
    expect(answer).toEqual({ status: 201, text: '{"ok":true}' });
    expect(server.seen).toEqual([
      expect.objectContaining({ method: 'POST', url: '/v1/sessions?x=1', body: '{"a":1}', headers: expect.objectContaining({ 'api-key': 'k', 'content-type': 'application/json' }) }),
    ]);
  });

  it('keeps the connection open between calls instead of opening one per call', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{}' }));
    const http = pool();
    for (let i = 0; i < 10; i++) await http({ method: 'GET', url: `${server.url}/v1/sessions/K-${i}`, headers: {}, signal: new AbortController().signal });
    expect(server.seen).toHaveLength(10);
    // Sequential calls: a call may start before the last one's connection is marked free, so two may open.
    expect(new Set(server.seen.map((request) => request.socket)).size).toBeLessThanOrEqual(2);
  });

  it('passes any answer on, 4xx and 5xx included', async () => {
    const server = await recordingServer((request) => (request.url === '/a' ? { status: 422, body: '{"message":"no"}' } : { status: 503, body: 'down' }));
    const http = pool();
    const call = (path: string) => http({ method: 'GET', url: `${server.url}${path}`, headers: {}, signal: new AbortController().signal });
    expect(await call('/a')).toEqual({ status: 422, text: '{"message":"no"}' });
    expect(await call('/b')).toEqual({ status: 503, text: 'down' });
  });

  it('rejects when the signal aborts a call PAVE has not answered', async () => {
    const server = await recordingServer(() => ({ status: 200, body: '{}', delayMs: 2_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(pool()({ method: 'POST', url: `${server.url}/slow`, headers: {}, body: '{}', signal: controller.signal })).rejects.toThrow();
  });

  it('reports a refused connection so the PAVE client knows PAVE saw nothing (its one retry)', async () => {
    const closed = createTcpServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    const error = await pool()({ method: 'POST', url: `http://127.0.0.1:${port}/v1/sessions`, headers: {}, body: '{}', signal: new AbortController().signal }).catch((e: unknown) => e);
    expect(isNeverConnected(error)).toBe(true);
  });

  it('carries the PAVE client’s signed calls: the sandbox accepts them and answers a session', async () => {
    const sandbox = createSandbox();
    const port = await new Promise<number>((resolve) => {
      const server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
      cleanups.push(() => new Promise((done) => server.close(done)));
    });
    const pave = createPaveClient({ baseUrl: `http://127.0.0.1:${port}`, credentials: DEMO_ACCOUNT, http: pool(), hashing: nodeHashing, timeoutMs: 5_000 });
    const created = await pave.createSession({ session: { theme: 'PRO' } });
    expect(created).toMatchObject({ ok: true, status: 201, value: { session_key: expect.stringMatching(/^DMO-/) } });
    const key = created.ok ? created.value.session_key : '';
    expect(await pave.getSession(key)).toMatchObject({ ok: true, value: { session_key: key } });
  });

  it('gives up within the PAVE client’s budget when PAVE hangs: a timeout, not a hang', async () => {
    const server = await recordingServer(() => ({ status: 201, body: '{}', delayMs: 5_000 }));
    const pave = createPaveClient({ baseUrl: server.url, credentials: DEMO_ACCOUNT, http: pool(), timeoutMs: 100 });
    expect(await pave.createSession({})).toEqual({ ok: false, kind: 'timeout' });
    expect(server.seen).toHaveLength(1); // never retried after PAVE may have received it
  });
});
