/**
 * Log lines gathered over one turn of the event loop and written together: one write (one system call
 * on Node, where stdout to a pipe or file is synchronous) for every line of that turn instead of one per
 * line — a busy signer ends a dozen requests per turn. Runtime-neutral: the entry file brings the sink
 * and the scheduler (Node: `process.stdout.write` and `setImmediate`).
 */

export interface LineBatch {
  /** Queues one line (its newline is added); the first line of a turn schedules the write. */
  push(line: string): void;
  /** Writes what is queued now (the entry calls it on exit, so no line is lost). */
  flush(): void;
}

/** Above this many queued characters the batch is written at once instead of waiting for the turn to end. */
const MAX_QUEUED_CHARS = 64 * 1024;

/**
 * @example
 * const stdout = lineBatch((text) => process.stdout.write(text), setImmediate);
 * stdout.push('{"msg":"request"}');
 */
export function lineBatch(write: (text: string) => void, schedule: (flush: () => void) => void): LineBatch {
  let queued: string[] = [];
  let chars = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!queued.length) return;
    const text = queued.join('');
    queued = [];
    chars = 0;
    try {
      write(text);
    } catch {
      // A broken log sink must not break the answers of this turn.
    }
  };
  return {
    push(line) {
      queued.push(`${line}\n`);
      chars += line.length + 1;
      if (chars >= MAX_QUEUED_CHARS) return flush();
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    flush,
  };
}
