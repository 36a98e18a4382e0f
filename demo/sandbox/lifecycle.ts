/**
 * How a session moves through PAVE's documented statuses, and what each move stamps.
 */
import { paveTime, type Status, type StoredSession } from './store.ts';

/** The happy path, in order; EXPIRED and INVALID are reached only through the controls. */
export const LIFECYCLE: readonly Status[] = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE'];

/** The status after `status` on the happy path, if any. */
export function nextStatus(status: Status): Status | undefined {
  return LIFECYCLE[LIFECYCLE.indexOf(status) + 1];
}

/** Moves `session` to `status` at `at`: the first STARTED stamps the start, COMPLETE the end; the end states close it. */
export function setStatus(session: StoredSession, status: Status, at: Date): void {
  const time = paveTime(at);
  if (status === 'STARTED' && !session.inspect_started_at) session.inspect_started_at = time;
  if (status === 'COMPLETE') session.inspect_ended_at = time;
  session.active = status !== 'EXPIRED' && status !== 'INVALID' && status !== 'COMPLETE';
  session.status = status;
  session.updated_at = time;
}
