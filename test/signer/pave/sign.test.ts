import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { paveAuthHeaders, paveTimestamp, paveToken } from '../../../signer/pave/sign.ts';

const vector = { username: 'demo', apiKey: 'test_key', apiSecret: 'test_secret' };

describe('PAVE signing', () => {
  it('matches the known-answer vector of pave-api.md', async () => {
    expect(await paveToken(vector, '2021-05-30T12:49:19Z')).toBe('a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355');
  });

  it('agrees with node:crypto on other inputs', async () => {
    const credentials = { username: 'Main Street Motors', apiKey: 'k€y', apiSecret: 's3cr3t:@' };
    const timestamp = '2026-11-28T10:00:00Z';
    const expected = createHmac('sha256', credentials.apiSecret).update(`${credentials.username}:${credentials.apiKey}@${timestamp}`).digest('hex');
    expect(await paveToken(credentials, timestamp)).toBe(expected);
  });

  it('formats timestamps as YYYY-MM-DDTHH:MM:SSZ in UTC, without milliseconds', () => {
    expect(paveTimestamp(new Date('2021-05-30T12:49:19.731Z'))).toBe('2021-05-30T12:49:19Z');
    expect(paveTimestamp(new Date('2021-05-30T14:49:19+02:00'))).toBe('2021-05-30T12:49:19Z');
    expect(paveTimestamp(new Date(0))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('signs exactly the timestamp it sends', async () => {
    const headers = await paveAuthHeaders(vector, new Date('2021-05-30T12:49:19.999Z'));
    expect(headers).toEqual({
      'API-Key': 'test_key',
      'API-Timestamp': '2021-05-30T12:49:19Z',
      'API-Token': 'a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355',
      Accept: 'application/json',
      'Content-Type': 'application/json',
    });
  });

  describe('caching (a busy signer signs once per site per second)', () => {
    afterEach(() => vi.restoreAllMocks());

    it('reuses the token within a second, and only for the same credentials', async () => {
      const sign = vi.spyOn(crypto.subtle, 'sign');
      const other = { ...vector, apiSecret: 'other_secret' };
      const same = await Promise.all(Array.from({ length: 10 }, () => paveToken(vector, '2026-11-28T10:00:00Z')));
      expect(new Set(same).size).toBe(1);
      expect(sign).toHaveBeenCalledTimes(1);

      const next = await paveToken(vector, '2026-11-28T10:00:01Z');
      const mine = await paveToken(other, '2026-11-28T10:00:01Z');
      expect(sign).toHaveBeenCalledTimes(3);
      expect(next).not.toBe(same[0]);
      expect(mine).not.toBe(next);
      expect(mine).toBe(createHmac('sha256', 'other_secret').update('demo:test_key@2026-11-28T10:00:01Z').digest('hex'));
    });

    it('imports each secret’s key once', async () => {
      const importKey = vi.spyOn(crypto.subtle, 'importKey');
      const credentials = { username: 'u', apiKey: 'k', apiSecret: 'imported-once' };
      for (const second of ['01', '02', '03']) await paveToken(credentials, `2026-11-28T10:00:${second}Z`);
      expect(importKey).toHaveBeenCalledTimes(1);
    });
  });
});
