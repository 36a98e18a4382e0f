/**
 * Ways the sandbox can be told to misbehave, so the signer's fault handling is testable:
 * - `slow`:    handle the request, answer after `delay_ms`
 * - `error`:   answer 500 without handling it
 * - `garbage`: answer 200 with a body that is not JSON, without handling it
 * - `hang`:    handle the request (a text may go out!), then never answer
 * - `reset`:   drop the connection without handling it
 */
export const FAULT_MODES = ['slow', 'error', 'garbage', 'hang', 'reset'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface Fault {
  mode: FaultMode;
  /** For `slow`. */
  delayMs: number;
  /** How many more requests it applies to; `Infinity` until cleared. */
  remaining: number;
}

export class FaultSwitch {
  private fault: Fault | undefined;

  set(mode: FaultMode, options: { delayMs?: number; times?: number } = {}): void {
    this.fault = { mode, delayMs: options.delayMs ?? 2000, remaining: options.times ?? Infinity };
  }

  clear(): void {
    this.fault = undefined;
  }

  /** The fault for this request, if any; counts it down. */
  take(): Fault | undefined {
    const fault = this.fault;
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.fault = undefined;
    return { ...fault };
  }
}
