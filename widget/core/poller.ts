/**
 * Polls a session's status with backoff. Pure scheduling: what a poll does, the timers and the clock are
 * passed in, so the rules are unit-tested with fake timers and no DOM.
 *
 * - the first poll runs at once; then every `baseMs`, growing by `factor` up to `maxMs` while nothing changes;
 * - a change brings the pace back to `baseMs` (the customer is busy on their phone);
 * - it stops on `stop` (final status, unknown session, older signer), on `stop()` (element disconnected,
 *   state left), and after `giveUpMs` without any change (a forgotten tab does not poll forever);
 * - `pause()` (tab hidden) cancels the next poll; `resume()` polls at once and starts the pace over;
 *   a poller paused before `start()` waits for `resume()`.
 */

/** What one poll learnt: the status changed, stayed the same, could not be read (retry), or polling is over. */
export type PollOutcome = 'changed' | 'same' | 'error' | 'stop';

interface PollerOptions {
  poll: () => Promise<PollOutcome>;
  setTimeout?: (callback: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  now?: () => number;
  baseMs?: number;
  factor?: number;
  maxMs?: number;
  giveUpMs?: number;
}

export interface Poller {
  readonly running: boolean;
  start(): void;
  stop(): void;
  pause(): void;
  resume(): void;
}

/**
 * @example
 * const poller = createPoller({ poll: async () => ((await check()) ? 'changed' : 'same') });
 * poller.start();
 */
export function createPoller(options: PollerOptions): Poller {
  const {
    poll,
    setTimeout: schedule = (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: cancel = (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
    now = Date.now,
    baseMs = 2_000,
    factor = 1.5,
    maxMs = 30_000,
    giveUpMs = 60 * 60_000,
  } = options;

  let running = false;
  let paused = false;
  let inFlight = false;
  let timer: unknown;
  let delay = baseMs;
  let lastChange = 0;

  const clear = () => {
    if (timer !== undefined) cancel(timer);
    timer = undefined;
  };

  const run = async (): Promise<void> => {
    timer = undefined;
    if (!running || paused || inFlight) return;
    inFlight = true;
    const outcome = await poll().catch((): PollOutcome => 'error');
    inFlight = false;
    if (!running) return;
    if (outcome === 'stop') return void (running = false);
    if (outcome === 'changed') {
      delay = baseMs;
      lastChange = now();
    } else {
      delay = Math.min(delay * factor, maxMs);
    }
    if (now() - lastChange >= giveUpMs) return void (running = false);
    if (!paused) timer = schedule(() => void run(), delay);
  };

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      delay = baseMs;
      lastChange = now();
      void run();
    },
    stop() {
      running = false;
      clear();
    },
    pause() {
      paused = true;
      clear();
    },
    resume() {
      if (!paused) return;
      paused = false;
      if (!running) return;
      delay = baseMs;
      lastChange = now();
      clear();
      void run();
    },
  };
}
