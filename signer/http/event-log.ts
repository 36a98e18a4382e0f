/**
 * Event lines, besides the one line per request: something worth an alert happened (`rate_limited`,
 * `bot_check_failed`, `limit_store_unavailable`, …). Fixed names and fields, no free text that could carry
 * a secret or a full phone number by accident. Injected as `AppDeps.events` so tests read what would be written.
 */
import type { LineBatch } from './line-batch.ts';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  /** A fixed, greppable name: `rate_limited`, `bot_check_failed`, `limit_store_unavailable`, … */
  event: string;
  [field: string]: string | number | boolean | undefined;
}

export type Logger = (entry: LogEntry) => void;

const lineOf = (entry: LogEntry) => JSON.stringify({ time: new Date().toISOString(), ...entry });

/** Writes each entry as one JSON line to stdout (`info`) or stderr (`warn`, `error`). */
export const consoleLogger: Logger = (entry) => {
  if (entry.level === 'info') console.log(lineOf(entry));
  else console.error(lineOf(entry));
};

/**
 * The same lines into batches written once per event-loop turn (the Node entry's logger): `info` to
 * `stdout`, `warn` and `error` to `stderr`.
 */
export function batchedLogger(stdout: LineBatch, stderr: LineBatch): Logger {
  return (entry) => (entry.level === 'info' ? stdout : stderr).push(lineOf(entry));
}
