/**
 * Event lines: one JSON line each, `info` to stdout and `warn`/`error` to stderr, batched on Node.
 */
import { describe, expect, it } from 'vitest';
import { batchedLogger } from '../../../signer/http/event-log.ts';
import type { LineBatch } from '../../../signer/http/line-batch.ts';

const collecting = () => {
  const lines: string[] = [];
  const batch: LineBatch = { push: (line) => void lines.push(line), flush: () => {} };
  return { lines, batch };
};

describe('batchedLogger', () => {
  it('puts info on stdout and warnings and errors on stderr, each a JSON line with its time', () => {
    const stdout = collecting();
    const stderr = collecting();
    const log = batchedLogger(stdout.batch, stderr.batch);
    log({ level: 'info', event: 'started', port: 8787 });
    log({ level: 'warn', event: 'rate_limited', scope: 'ip' });
    log({ level: 'error', event: 'limit_store_unavailable' });
    expect(stdout.lines.map((line) => JSON.parse(line))).toEqual([{ time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), level: 'info', event: 'started', port: 8787 }]);
    expect(stderr.lines.map((line) => JSON.parse(line).event)).toEqual(['rate_limited', 'limit_store_unavailable']);
  });
});
