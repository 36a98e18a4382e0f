/**
 * The Node entry's HTTP client for PAVE: undici's `Agent` (a keep-alive connection pool per origin)
 * through its `request` API, behind the PAVE client's `PaveHttp` port. Node's global `fetch` runs on the
 * same undici underneath, but builds a WHATWG `Request`, `Response` and body streams around every call:
 * ≈ 0.9 ms of CPU per call on this project's 2-core bench machine, several times what the signer's own
 * checks cost (issue 14, docs/benchmarks.md). Node only: imported by the Node entry, never by shared code.
 */
import { Agent } from 'undici';
import type { PaveHttp } from './pave/client.ts';

export interface PooledHttpOptions {
  /** Open connections per origin at most; further calls queue for a free one. */
  connections?: number;
  /** How long an idle connection stays open (undici lowers it to what the server's `Keep-Alive` says). */
  keepAliveTimeoutMs?: number;
}

/** A `PaveHttp` with the pool it owns, closed on shutdown. */
export interface PooledHttp {
  http: PaveHttp;
  close(): Promise<void>;
}

/**
 * @example
 * const pool = createPooledHttp();
 * createApp({ config, paveHttp: pool.http });
 */
export function createPooledHttp(options: PooledHttpOptions = {}): PooledHttp {
  const agent = new Agent({
    connections: options.connections ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
  });
  const http: PaveHttp = async ({ method, url, headers, body, signal }) => {
    const { origin, pathname, search } = new URL(url);
    // The call's budget is the signal: undici's own 300 s header and body timeouts never come first.
    const answer = await agent.request({ origin, path: `${pathname}${search}`, method: method as 'GET' | 'POST', headers, body, signal });
    return { status: answer.statusCode, text: await answer.body.text() };
  };
  return { http, close: () => agent.close() };
}
