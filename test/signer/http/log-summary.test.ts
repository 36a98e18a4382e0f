/**
 * Refusal lines of every kind are written once per cause and interval, then counted: the summary first on
 * its own, then through the app — a flood of 2,000 foreign-origin requests writes one request line and one
 * summary line, not 2,000 lines.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../signer/http/event-log.ts';
import { createLogSummary, MAX_CAUSES, summarizedEvents } from '../../../signer/http/log-summary.ts';
import { createDefendedStack, fakeClock } from '../../fixtures/defended-stack.ts';
import { createStack, ORIGIN } from '../../fixtures/stack.ts';

const MINUTE = 60_000;

function summaryUnderTest() {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const emitted: LogEntry[] = [];
  const written: string[] = [];
  const timers: { run: () => void; ms: number }[] = [];
  const summary = createLogSummary({ emit: (entry) => emitted.push(entry), now: () => now, schedule: (run, ms) => timers.push({ run, ms }) });
  const note = (cause: string, line = cause) => summary.note(cause, { kind: 'request', status: 403, error: cause }, () => written.push(line));
  return { summary, emitted, written, timers, note, advance: (ms: number) => void (now += ms) };
}

describe('createLogSummary', () => {
  it('writes the first line of a cause, counts the rest, and sums them up once the interval is over', () => {
    const t = summaryUnderTest();
    for (let i = 0; i < 5; i++) t.note('origin_not_allowed', `line ${i}`);
    expect(t.written).toEqual(['line 0']);
    expect(t.emitted).toEqual([]);
    t.advance(MINUTE);
    t.note('origin_not_allowed', 'line 5');
    expect(t.emitted).toEqual([
      {
        level: 'warn',
        event: 'log_summary',
        kind: 'request',
        status: 403,
        error: 'origin_not_allowed',
        suppressed: 4,
        since: '2026-11-28T12:00:00.000Z',
        until: '2026-11-28T12:01:00.000Z',
        interval_s: 60,
      },
    ]);
    // A new interval: its first line is written again.
    expect(t.written).toEqual(['line 0', 'line 5']);
  });

  it('keeps causes apart', () => {
    const t = summaryUnderTest();
    for (let i = 0; i < 3; i++) t.note('origin_not_allowed');
    for (let i = 0; i < 2; i++) t.note('invalid_json');
    expect(t.written).toEqual(['origin_not_allowed', 'invalid_json']);
    t.advance(MINUTE);
    t.note('payload_too_large');
    expect(t.emitted.map((entry) => [entry.error, entry.suppressed])).toEqual([
      ['origin_not_allowed', 2],
      ['invalid_json', 1],
    ]);
  });

  it('writes no summary for a cause seen once, and sums up by timer when the flood stops', () => {
    const t = summaryUnderTest();
    t.note('origin_not_allowed');
    expect(t.timers).toEqual([]);
    t.advance(1000);
    t.note('origin_not_allowed');
    t.note('origin_not_allowed');
    expect(t.timers).toEqual([{ run: expect.any(Function), ms: MINUTE - 1000 }]);
    t.advance(MINUTE - 1000);
    t.timers[0]!.run();
    expect(t.emitted).toEqual([expect.objectContaining({ event: 'log_summary', error: 'origin_not_allowed', suppressed: 2 })]);
    // The timer of an interval already summed up does nothing.
    t.timers[0]!.run();
    expect(t.emitted).toHaveLength(1);
  });

  it('stays bounded: past MAX_CAUSES, new causes are counted together', () => {
    const t = summaryUnderTest();
    for (let i = 0; i < MAX_CAUSES + 50; i++) t.note(`cause ${i}`);
    expect(t.written).toHaveLength(MAX_CAUSES + 1);
    t.advance(MINUTE);
    t.note('next');
    expect(t.emitted).toEqual([expect.objectContaining({ kind: 'other', suppressed: 49 })]);
  });

  it('summarises events by event, site, dimension and reason, never by address', () => {
    const t = summaryUnderTest();
    const lines: LogEntry[] = [];
    const events = summarizedEvents((entry) => lines.push(entry), t.summary);
    for (let i = 0; i < 100; i++) events({ level: 'warn', event: 'rate_limited', dimension: 'ip', site: 'a', who: `ip:198.51.100.${i}` });
    events({ level: 'warn', event: 'rate_limited', dimension: 'phone', site: 'a', who: 'phone:+1…0143' });
    events({ level: 'warn', event: 'bot_check_failed', site: 'a', reason: 'missing' });
    events({ level: 'warn', event: 'bot_check_failed', site: 'a', reason: 'rejected' });
    expect(lines.map((line) => [line.event, line.dimension ?? line.reason])).toEqual([
      ['rate_limited', 'ip'],
      ['rate_limited', 'phone'],
      ['bot_check_failed', 'missing'],
      ['bot_check_failed', 'rejected'],
    ]);
    t.advance(MINUTE);
    events({ level: 'error', event: 'limit_store_unavailable', error: 'Error' });
    expect(t.emitted).toEqual([expect.objectContaining({ event: 'log_summary', kind: 'rate_limited', dimension: 'ip', site: 'a', suppressed: 99 })]);
    expect(JSON.stringify(t.emitted)).not.toContain('198.51.100');
  });
});

describe('the app’s refusal lines', () => {
  it('writes one line and one summary for 2,000 requests from a foreign origin', async () => {
    const clock = fakeClock();
    const events: LogEntry[] = [];
    const stack = createStack({}, {}, { now: clock.now, events: (entry) => events.push(entry) });
    const foreign = () =>
      stack.app.request('/v1/sessions', { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' }, body: '{"delivery":"link"}' });
    for (let i = 0; i < 2000; i++) expect((await foreign()).status).toBe(403);
    expect(stack.logs).toHaveLength(1);
    expect(stack.logs[0]).toMatchObject({ status: 403, error: 'origin_not_allowed' });
    expect(events).toEqual([]);

    clock.advance(MINUTE);
    await foreign();
    expect(events).toEqual([
      expect.objectContaining({ event: 'log_summary', kind: 'request', method: 'POST', route: '/v1/sessions', status: 403, error: 'origin_not_allowed', suppressed: 1999, interval_s: 60 }),
    ]);
    expect(stack.logs).toHaveLength(2);
  }, 60_000);

  it('keeps every kind of refusal apart, and writes every successful request', async () => {
    const clock = fakeClock();
    const events: LogEntry[] = [];
    const stack = createStack({ RATE_LIMIT_IP: '1000' }, { now: clock.now }, { now: clock.now, events: (entry) => events.push(entry) });
    for (let i = 0; i < 10; i++) {
      await stack.post('{not json');
      await stack.post({ delivery: 'sms' });
      await stack.post('{"delivery":"link"}', { 'Content-Type': 'text/plain' });
      await stack.app.request('/nowhere');
    }
    for (let i = 0; i < 3; i++) expect((await stack.post({ delivery: 'link' }, { 'Idempotency-Key': `ok-${i}` })).status).toBe(201);
    expect(stack.logs.map((line) => [line.status, line.error])).toEqual([
      [400, 'invalid_json'],
      [400, 'invalid_request'],
      [415, 'unsupported_media_type'],
      [404, 'not_found'],
      [201, undefined],
      [201, undefined],
      [201, undefined],
    ]);
    clock.advance(MINUTE);
    await stack.app.request('/healthz', { headers: { Origin: ORIGIN } });
    expect(events).toEqual([]); // a success starts no summary: summaries come with the next refusal or by timer
    await stack.post('{not json');
    expect(events.map((entry) => [entry.error, entry.suppressed])).toEqual([
      ['invalid_json', 9],
      ['invalid_request', 9],
      ['unsupported_media_type', 9],
      ['not_found', 9],
    ]);
  });

  it('sums up rate-limit alerts across addresses: a flood from many IPs is one line a minute', async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1', RATE_LIMIT_SITE: '1000' } });
    for (let i = 0; i < 200; i++) {
      await stack.post({ delivery: 'link' }, {}, `198.51.100.${i}`);
      await stack.post({ delivery: 'link' }, {}, `198.51.100.${i}`);
    }
    expect(stack.logs.filter((entry) => entry.event === 'rate_limited')).toHaveLength(1);
    stack.clock.advance(MINUTE);
    expect((await stack.post({ delivery: 'link' }, {}, '198.51.100.1')).status).toBe(201);
    expect((await stack.post({ delivery: 'link' }, {}, '198.51.100.1')).status).toBe(429);
    expect(stack.logs).toContainEqual(expect.objectContaining({ event: 'log_summary', kind: 'rate_limited', dimension: 'ip', suppressed: 199 }));
    expect(stack.logs).toContainEqual(expect.objectContaining({ event: 'log_summary', kind: 'request', status: 429, error: 'rate_limited', suppressed: 199 }));
  }, 30_000);
});
