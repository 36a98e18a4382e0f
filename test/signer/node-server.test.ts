/**
 * The Node server's limits, on real loopback sockets with short settings: headers and whole requests
 * trickled too slowly are answered 408 and closed by the server, a silent connection is closed, a slow
 * handler is not, idle keep-alive connections end, and connections past the cap are refused. The signer
 * started as dealers start it, with its defaults, is in node.test.ts.
 */
import type { Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { CONNECTIONS_CHECKING_INTERVAL_MS, serveSigner } from '../../signer/node-server.ts';
import type { ServerSettings } from '../../signer/config/signer-settings.ts';

const LIMITS: ServerSettings = { headersTimeoutMs: 1000, requestTimeoutMs: 1500, keepAliveTimeoutMs: 1000, maxConnections: 4 };

const app = new Hono();
app.post('/echo', async (c) => c.text(await c.req.text()));
app.get('/slow', async (c) => {
  await new Promise((resolve) => setTimeout(resolve, 2500));
  return c.text('done');
});

let server: Server | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function listen(limits = LIMITS): Promise<number> {
  return new Promise((resolve) => {
    server = serveSigner({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', limits }, (info) => resolve(info.port)) as Server;
  });
}

/** A raw client that writes `first`, then `each` every `everyMs`, and reports how the server ended it. */
function client(port: number, first = '', each?: string, everyMs = 200) {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1', () => first && socket.write(first));
  sockets.push(socket);
  let received = '';
  let endedByServer = false;
  const timer = each === undefined ? undefined : setInterval(() => socket.writable && socket.write(each), everyMs);
  socket.on('data', (chunk) => (received += chunk));
  socket.on('end', () => (endedByServer = true)); // the server's FIN: this test never ends a socket itself
  socket.on('error', () => {});
  const closed = new Promise<{ afterMs: number; received: string; endedByServer: boolean }>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ afterMs: Date.now() - started, received, endedByServer });
    }),
  );
  return { socket, closed };
}

describe('serveSigner', () => {
  it('sets the limits on the server it starts', async () => {
    await listen({ headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, maxConnections: 1000 });
    expect(server).toMatchObject({ headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5_000, maxConnections: 1000 });
    expect((server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(CONNECTIONS_CHECKING_INTERVAL_MS);
  });

  it('answers 408 and closes a connection trickling its headers', async () => {
    const port = await listen();
    const { closed } = client(port, 'POST /echo HTTP/1.1\r\nHost: signer\r\n', 'X');
    const end = await closed;
    expect(end.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(end.endedByServer).toBe(true);
    expect(end.afterMs).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
  });

  it('answers 408 and closes a connection trickling its body', async () => {
    const port = await listen();
    const { closed } = client(port, 'POST /echo HTTP/1.1\r\nHost: signer\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n', 'y');
    const end = await closed;
    expect(end.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(end.endedByServer).toBe(true);
    expect(end.afterMs).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
  });

  it('closes a connection that never sends a byte', async () => {
    const port = await listen();
    const end = await client(port).closed;
    // Node closes it silently, or — when its connection check finds it mid-way on a busy machine — with a 408.
    expect(end.received).toMatch(/^(HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*)?$/);
    expect(end.afterMs).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
  });

  it('lets a handler take longer than the headers’ budget, and closes the idle keep-alive connection after', async () => {
    const port = await listen();
    const { socket, closed } = client(port, 'GET /slow HTTP/1.1\r\nHost: signer\r\n\r\n');
    const end = await closed;
    expect(end.received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\ndone$/);
    expect(end.endedByServer).toBe(true);
    // 2.5 s of work, then the keep-alive second.
    expect(end.afterMs).toBeGreaterThanOrEqual(2500 + LIMITS.keepAliveTimeoutMs - 50);
    expect(socket.destroyed).toBe(true);
  });

  it('closes connections past the cap as they arrive', async () => {
    const port = await listen();
    const held = Array.from({ length: LIMITS.maxConnections }, () => client(port));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const extra = await client(port).closed;
    expect(extra.afterMs).toBeLessThan(LIMITS.headersTimeoutMs);
    expect(extra.received).toBe('');
    for (const { socket } of held) expect(socket.destroyed).toBe(false);
  });

  it('serves a well-behaved request as before', async () => {
    const port = await listen();
    const response = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', body: 'hello' });
    expect([response.status, await response.text()]).toEqual([200, 'hello']);
  });
});
