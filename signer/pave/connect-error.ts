/**
 * Tells a connection that never opened (PAVE cannot have received anything: safe to try once more)
 * from every other network failure (a reset or a lost connection may come after PAVE got the request:
 * never retried). Runtime-neutral: it reads error codes and messages, it imports nothing.
 *
 * Node (undici) puts a system error in `cause` (`ECONNREFUSED`, `ENOTFOUND`, …); Bun sets `code`
 * (`ConnectionRefused`); Deno and workerd only say it in the message. Anything unrecognised is
 * treated as "may have been received".
 */

/** Error codes that mean "no connection was made". */
const NEVER_CONNECTED_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
  'FailedToOpenSocket',
]);

/** Messages of runtimes that give no code (Deno: "tcp connect error: Connection refused"; DNS failures). */
const NEVER_CONNECTED_MESSAGES = /connection refused|tcp connect error|dns error|failed to lookup address|name or service not known|getaddrinfo/i;

/**
 * @example isNeverConnected(new TypeError('fetch failed', { cause: Object.assign(new Error(), { code: 'ECONNREFUSED' }) })) // true
 */
export function isNeverConnected(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && NEVER_CONNECTED_CODES.has(code)) return true;
    if (typeof message === 'string' && NEVER_CONNECTED_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
