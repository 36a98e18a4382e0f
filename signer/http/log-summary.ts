/**
 * Refusals are logged by cause, not by request: a flood of 2,000 requests from a foreign origin writes the
 * first one's line, then — once the interval is over — one `log_summary` line saying how many more there
 * were. The same for alert events (`rate_limited`, `bot_check_failed`, …). So an attacker cannot fill the
 * disk or drown the one line that matters, and an operator still sees every cause and its count.
 *
 * The summary of an interval is written by the first line after it, or by a timer when the flood stops
 * (Node, Deno, Bun; on Workers with the next request). Memory is bounded: causes are few (route × status ×
 * code × site, or event × site × reason), and past `MAX_CAUSES` the rest share one.
 */
import type { LogEntry, Logger } from './event-log.ts';

/** The fields a cause is known by in its summary line (no addresses, no numbers: those are per request). */
export type CauseFields = Record<string, string | number | boolean | undefined>;

export interface LogSummary {
  /**
   * The first line of `cause` in an interval is written (`write`); the others are counted, and the count
   * goes out as one summary line carrying `fields`.
   */
  note(cause: string, fields: CauseFields, write: () => void): void;
}

export interface LogSummaryOptions {
  /** Where summary lines go: `{ event: 'log_summary', …fields, suppressed, since, until, interval_s }`. */
  emit: Logger;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** One minute by default, like the limiter's own refusal lines. */
  intervalMs?: number;
  /** How the end of an interval is awaited when no line comes; a timer that does not keep the process alive by default. */
  schedule?: (run: () => void, ms: number) => void;
}

/** Past this many causes in one interval, new ones are counted together under `other`. */
export const MAX_CAUSES = 1000;

const unrefTimer = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms) as unknown as { unref?: () => void };
  timer.unref?.();
};

/**
 * @example
 * const summary = createLogSummary({ emit: consoleLogger, now: Date.now });
 * summary.note('403 origin_not_allowed', { kind: 'request', status: 403 }, () => write(line));
 */
export function createLogSummary(options: LogSummaryOptions): LogSummary {
  const intervalMs = options.intervalMs ?? 60_000;
  const schedule = options.schedule ?? unrefTimer;
  const causes = new Map<string, { fields: CauseFields; suppressed: number }>();
  let started: number | undefined;
  let awaited = false;

  const flush = () => {
    const until = options.now();
    for (const { fields, suppressed } of causes.values()) {
      if (!suppressed) continue;
      const entry: LogEntry = {
        ...fields,
        level: fields.level === 'error' ? 'error' : 'warn',
        event: 'log_summary',
        suppressed,
        since: new Date(started ?? until).toISOString(),
        until: new Date(until).toISOString(),
        interval_s: Math.round(intervalMs / 1000),
      };
      try {
        options.emit(entry);
      } catch {
        // A broken log sink must not break a request.
      }
    }
    causes.clear();
    started = undefined;
    awaited = false;
  };

  return {
    note(cause, fields, write) {
      const now = options.now();
      if (started !== undefined && now - started >= intervalMs) flush();
      started ??= now;
      const key = causes.has(cause) || causes.size < MAX_CAUSES ? cause : 'other';
      const known = causes.get(key);
      if (!known) {
        causes.set(key, { fields: key === 'other' ? { kind: 'other', level: fields.level } : fields, suppressed: 0 });
        write();
        return;
      }
      known.suppressed += 1;
      if (!awaited) {
        awaited = true;
        const interval = started;
        schedule(() => {
          if (started === interval) flush();
        }, Math.max(1, interval + intervalMs - now));
      }
    },
  };
}

/**
 * An event logger whose lines are summarised by event, site, dimension and reason (never by address or number).
 * @example const events = summarizedEvents(consoleLogger, summary); events({ level: 'warn', event: 'bot_check_failed', site: 'a', reason: 'missing' });
 */
export function summarizedEvents(log: Logger, summary: LogSummary): Logger {
  return (entry) => {
    const fields: CauseFields = { kind: entry.event, level: entry.level, site: entry.site, dimension: entry.dimension, reason: entry.reason };
    summary.note(`event ${entry.event} ${entry.level} ${entry.site ?? ''} ${entry.dimension ?? ''} ${entry.reason ?? ''}`, fields, () => log(entry));
  };
}
