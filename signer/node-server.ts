/**
 * The Node server with the limits Node leaves off: a client must send its headers within
 * `SERVER_HEADERS_TIMEOUT_MS` and its whole request within `SERVER_REQUEST_TIMEOUT_MS` (else `408` and the
 * connection is closed), a connection that sends nothing at all is closed after the headers' budget too, an
 * idle keep-alive connection after `SERVER_KEEPALIVE_TIMEOUT_MS`, and connections beyond
 * `SERVER_MAX_CONNECTIONS` as they arrive — so clients trickling bytes cannot hold the server's sockets
 * (Node's own defaults wait 60 s for headers, 5 minutes for a body, and forever for a silent connection).
 * Node only: imported by the Node entry.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ServerSettings } from './config/signer-settings.ts';

/**
 * How often Node looks for requests past their deadline: its default (30 s) would let a trickling client
 * stay that much longer than the timeouts say.
 */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

interface ServeOptions {
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  port: number;
  hostname: string;
  limits: ServerSettings;
}

/**
 * @example serveSigner({ fetch: app.fetch, port: 8787, hostname: '0.0.0.0', limits: config.server }, (info) => console.log(info.port))
 */
export function serveSigner(options: ServeOptions, onListening?: (info: AddressInfo) => void): ServerType {
  const { limits } = options;
  const server = serve(
    {
      fetch: options.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: limits.keepAliveTimeoutMs,
        connectionsCheckingInterval: Math.min(CONNECTIONS_CHECKING_INTERVAL_MS, limits.headersTimeoutMs),
      },
    },
    onListening,
  );
  server.maxConnections = limits.maxConnections;
  // Node expires headers and requests only once a request has begun: a connection that never sends a byte
  // would stay open for good. It gets the headers' budget of silence; once a request is in, the socket's
  // timer is off again, so a slow PAVE call never cuts a customer's request (Node's keep-alive timer follows).
  server.on('connection', (socket: Socket) => socket.setTimeout(limits.headersTimeoutMs));
  server.on('request', (request: IncomingMessage) => request.socket.setTimeout(0));
  return server;
}
