import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPaveSigner, paveAuthHeaders, paveTimestamp, paveToken } from '../../../signer/pave/sign.ts';
import { nodeHashing } from '../../../signer/node-hashing.ts';

const vector = { username: 'demo', apiKey: 'test_key', apiSecret: 'test_secret' };

describe('PAVE signing', () => {
  it('matches the known-answer vector of docs/pave-api.md', async () => {
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

  describe('createPaveSigner: a busy signer signs once per account per second', () => {
    afterEach(() => vi.restoreAllMocks());

    it('reuses the token within a second, imports the key once, and signs anew each second', async () => {
      const importKey = vi.spyOn(crypto.subtle, 'importKey');
      const sign = vi.spyOn(crypto.subtle, 'sign');
      const signer = createPaveSigner(vector);
      const at = (time: string) => signer(new Date(time)).then((headers) => headers['API-Token']);
      const same = await Promise.all(['000', '400', '999'].map((ms) => at(`2021-05-30T12:49:19.${ms}Z`)));
      expect(same).toEqual(new Array(3).fill('a6b241ef7d86fe9618fc419463663d74f5e722240cec33281dee460252a99355'));
      expect(sign).toHaveBeenCalledTimes(1);

      const next = await at('2021-05-30T12:49:20.000Z');
      expect(next).toBe(createHmac('sha256', 'test_secret').update('demo:test_key@2021-05-30T12:49:20Z').digest('hex'));
      expect(sign).toHaveBeenCalledTimes(2);
      expect(importKey).toHaveBeenCalledTimes(1);
    });

    it('gives the same headers with node:crypto’s hashing as with Web Crypto', async () => {
      const now = new Date('2026-11-28T10:00:00.250Z');
      expect(await createPaveSigner(vector, nodeHashing)(now)).toEqual(await createPaveSigner(vector)(now));
    });
  });
});
