/**
 * Event lines, besides the one line per request: something worth an alert happened (`rate_limited`,
 * `bot_check_failed`, `limit_store_unavailable`, …). Fixed names and fields, no free text that could carry
 * a secret or a full phone number by accident. Injected as `AppDeps.events` so tests read what would be written.
 */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  /** A fixed, greppable name: `rate_limited`, `bot_check_failed`, `limit_store_unavailable`, … */
  event: string;
  [field: string]: string | number | boolean | undefined;
}

export type Logger = (entry: LogEntry) => void;

/** Writes each entry as one JSON line to stdout (`info`) or stderr (`warn`, `error`). */
export const consoleLogger: Logger = (entry) => {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === 'info') console.log(line);
  else console.error(line);
};
