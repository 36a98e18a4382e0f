/**
 * A cap on the PAVE calls one site has in flight on this instance (`PAVE_MAX_CONCURRENCY`). With PAVE
 * hanging, every waiting call holds a socket and memory until its timeout; past the cap a call is refused
 * at once with `503 busy` and `Retry-After` instead of queueing, so a slow PAVE costs a bounded number of
 * file descriptors and a flood cannot pile up behind it. Runtime-neutral: a counter, no timers.
 */
import { busy } from '../errors.ts';

export interface PaveSlots {
  /** Runs `call` in a free slot, or throws `503 busy` without running it; the slot is free again once it settles. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Calls in flight now (for metrics and tests). */
  readonly inFlight: number;
}

/**
 * @example const slots = createPaveSlots(64); const outcome = await slots.run(() => pave.getSession(key));
 */
export function createPaveSlots(max: number): PaveSlots {
  let inFlight = 0;
  return {
    async run(call) {
      if (inFlight >= max) throw busy();
      inFlight += 1;
      try {
        return await call();
      } finally {
        inFlight -= 1;
      }
    },
    get inFlight() {
      return inFlight;
    },
  };
}
