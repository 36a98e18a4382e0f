import { describe, expect, it } from 'vitest';
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
