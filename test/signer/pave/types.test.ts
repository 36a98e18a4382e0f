import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaveSession, toIsoTime } from '../../../signer/pave/types.ts';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

describe('toIsoTime', () => {
  it.each([
    ['2026-11-28T10:00:00.000000Z', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T10:00:00.123456Z', '2026-11-28T10:00:00.123Z'],
    ['2026-11-28T10:00:00+00:00', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T12:00:00+0200', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28 10:00:00', '2026-11-28T10:00:00.000Z'],
    ['', null],
    [null, null],
    ['yesterday', null],
    ['on 2026-11-28 10:00:00', null],
    ['2026-11-28 10:00:00 UTC', null],
    ['2026-13-45T99:00:00Z', null],
  ])('%j → %j', (input, output) => {
    expect(toIsoTime(input)).toBe(output);
  });
});

describe('toIsoTime on any host and any engine', () => {
  afterEach(() => vi.restoreAllMocks());
  const parse = Date.parse;

  it('reads PAVE’s times as UTC on a server whose clock is not in UTC (a zone-less time too)', () => {
    // As ECMAScript reads a date-time without an offset — local time — on a host five hours behind UTC.
    // (Setting TZ here would not do: in a worker thread, as Stryker runs the tests, the zone does not follow it.)
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/i;
    vi.spyOn(Date, 'parse').mockImplementation((text) => (zoned.test(text) ? parse(text) : parse(`${text}Z`) + 5 * 3_600_000));
    expect(new Date(Date.parse('2026-11-28T10:00:00')).toISOString()).toBe('2026-11-28T15:00:00.000Z'); // the host is behind
    expect(toIsoTime('2026-11-28 10:00:00')).toBe('2026-11-28T10:00:00.000Z');
    expect(toIsoTime('2026-11-28T10:00:00.000000Z')).toBe('2026-11-28T10:00:00.000Z');
    expect(toIsoTime('2026-11-28T10:00:00+00:00')).toBe('2026-11-28T10:00:00.000Z');
  });

  it('the same in a process whose TZ is America/Toronto', () => {
    const script = `import { toIsoTime } from './signer/pave/types.ts';
      console.log(JSON.stringify([new Date(2026, 10, 28, 10).toISOString(), toIsoTime('2026-11-28 10:00:00'), toIsoTime('2026-11-28T10:00:00')]));`;
    const run = spawnSync(process.execPath, [TSX, '--eval', script], { cwd: ROOT, env: { ...process.env, TZ: 'America/Toronto' }, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['2026-11-28T15:00:00.000Z', '2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00.000Z']);
  }, 30_000); // a process of its own: seconds on a loaded machine

  /** Date.parse as strict as ECMAScript allows: only its own date-time format (YYYY-MM-DDTHH:mm:ss.sss, Z or ±HH:mm). */
  const ECMASCRIPT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})?$/;

  it.each([
    ['2026-11-28T10:00:00.123456Z', '2026-11-28T10:00:00.123Z'],
    ['2026-11-28T10:00:00.123456789z', '2026-11-28T10:00:00.123Z'],
    ['2026-11-28t10:00:00z', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T12:00:00+0200', '2026-11-28T10:00:00.000Z'],
    ['2026-11-28T04:30:00.5-0530', '2026-11-28T10:00:00.500Z'],
    ['2026-11-28T10:00:00', '2026-11-28T10:00:00.000Z'],
  ])('%j → %j where Date.parse knows only ECMAScript’s own format (other formats are each engine’s choice)', (input, output) => {
    vi.spyOn(Date, 'parse').mockImplementation((text) => (ECMASCRIPT_FORMAT.test(text) ? parse(text) : Number.NaN));
    expect(toIsoTime(input)).toBe(output);
  });
});

describe('PaveSession', () => {
  it('reads what the signer needs and tolerates Laravel’s empty options', () => {
    expect(PaveSession.parse({ session_key: 'DMO-7K2P9QX4ZT', status: 'IDLE', updated_at: '2026-11-28T10:00:00.000000Z', options: [], extra: 1 })).toEqual({
      session_key: 'DMO-7K2P9QX4ZT',
      status: 'IDLE',
      updated_at: '2026-11-28T10:00:00.000Z',
      options: undefined,
    });
    expect(PaveSession.parse({ session_key: 'DMO-7K2P9QX4ZT', options: { sms: { to: '+16474551234', by: 'x' } } }).options).toEqual({ sms: { to: '+16474551234' } });
    expect(PaveSession.safeParse({ session_key: 'not a key' }).success).toBe(false);
  });
});
