/**
 * The fault switch in front of PAVE's routes: each mode of faults.ts, applied to the next request.
 */
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import type { FaultSwitch } from '../faults.ts';

/**
 * A middleware that takes the switch's fault for this request, if any, and acts it out.
 * @example app.use('/v1/*', misbehave(faults));
 */
export function misbehave(faults: FaultSwitch): MiddlewareHandler {
  return async (c, next) => {
    const fault = faults.take();
    if (!fault) return next();
    switch (fault.mode) {
      case 'error':
        return c.json({ message: 'Server Error' }, 500);
      case 'garbage':
        return c.body('<html><body>502 Bad Gateway</body></html>', 200, { 'Content-Type': 'text/html' });
      case 'reset':
        return resetConnection(c);
      case 'slow':
        await next();
        await sleep(fault.delayMs, c.req.raw.signal);
        return;
      case 'hang':
        await next();
        await sleep(10 * 60 * 1000, c.req.raw.signal);
        return;
    }
  };
}

/**
 * The sandbox's `onError`: a crash is PAVE's `500 {"message": "Server Error"}`, but a `reset` fault must
 * look like a dropped connection to the caller, not like a 500.
 */
export const serverError: ErrorHandler = (error, c) => {
  if (error instanceof ConnectionReset) throw error;
  return c.json({ message: 'Server Error' }, 500);
};

class ConnectionReset extends TypeError {}

/** Drops the TCP connection on Node (no response at all); elsewhere throws, which a test fetch sees as a failure. */
function resetConnection(c: Context): Response {
  const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
  if (incoming?.socket) {
    incoming.socket.destroy();
    return new Response(null, { status: 499 });
  }
  throw new ConnectionReset('fetch failed: connection reset by sandbox');
}

/** Waits `ms`, or less if the caller gives up first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
