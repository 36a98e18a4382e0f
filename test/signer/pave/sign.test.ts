import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
});
