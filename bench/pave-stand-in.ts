/**
 * The PAVE of the throughput figure: a plain `node:http` server in a process of its own, answering every
 * Create Session with a valid 201 session (a fresh key each time) over loopback, so every subject pays
 * for a real outbound HTTP call. It checks nothing and costs as little as it can: the same constant for
 * every subject. `GET /_calls` says how many creates it answered, so the bench can check that each
 * subject really called it once per request.
 *
 *   node --import tsx bench/pave-stand-in.ts    prints `listening <port>` (127.0.0.1, port 0 or BENCH_PORT)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The body of the `count`-th session: PAVE's documented 201 shape (docs/pave-api.md). */
export function standInSession(count: number): string {
  const key = `BNC-${count.toString(36).toUpperCase().padStart(10, '0')}`;
  return JSON.stringify({
    session_key: key,
    capture_url: `https://bench.vehiclecapture.com/${key}`,
    status: 'IDLE',
    theme: 'PRO',
    active: true,
    created_at: '2026-11-28T10:00:00.000000Z',
    updated_at: '2026-11-28T10:00:00.000000Z',
  });
}

/** The request handler; exported so a test can run it on an ephemeral port. */
export function standInHandler(): (request: IncomingMessage, response: ServerResponse) => void {
  let calls = 0;
  return (request, response) => {
    if (request.method === 'GET' && request.url === '/_calls') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ calls }));
      return;
    }
    // Drain the body before answering, as a real server reads the whole request.
    request.resume();
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/sessions') {
        response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      calls += 1;
      const body = standInSession(calls);
      response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    });
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = createServer({ keepAliveTimeout: 60_000 }, standInHandler());
  server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
