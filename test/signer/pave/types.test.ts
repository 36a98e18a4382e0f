import { afterEach, describe, expect, it, vi } from 'vitest';
import { PaveSession, toIsoTime } from '../../../signer/pave/types.ts';

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
    ['2026-13-45T99:00:00Z', null],
  ])('%j → %j', (input, output) => {
    expect(toIsoTime(input)).toBe(output);
  });
});

describe('toIsoTime on any host and any engine', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    vi.restoreAllMocks();
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads PAVE’s times as UTC on a server whose clock is not in UTC (a zone-less time too)', () => {
    process.env.TZ = 'America/Toronto';
    expect(new Date(2026, 10, 28, 10).toISOString()).toBe('2026-11-28T15:00:00.000Z'); // the zone took
    expect(toIsoTime('2026-11-28 10:00:00')).toBe('2026-11-28T10:00:00.000Z');
    expect(toIsoTime('2026-11-28T10:00:00.000000Z')).toBe('2026-11-28T10:00:00.000Z');
    expect(toIsoTime('2026-11-28T10:00:00+00:00')).toBe('2026-11-28T10:00:00.000Z');
  });

  /** Date.parse as strict as ECMAScript allows: only its own date-time format (YYYY-MM-DDTHH:mm:ss.sss, Z or ±HH:mm). */
  const ECMASCRIPT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})?$/;
  const parse = Date.parse;

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
