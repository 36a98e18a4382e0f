import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '../../signer/client-ip.ts';

async function ipSeen(trustProxy: boolean, headers: Record<string, string>) {
  const read = clientIpFrom(trustProxy, () => '10.0.0.5');
  const app = new Hono().get('/', (c) => c.text(read(c) ?? 'none'));
  return (await app.request('/', { headers })).text();
}

describe('clientIpFrom', () => {
  it('uses the socket unless TRUST_PROXY, so nobody picks their own IP', async () => {
    expect(await ipSeen(false, { 'X-Forwarded-For': '1.2.3.4' })).toBe('10.0.0.5');
  });

  it('behind a trusted proxy, takes the address that proxy saw (the last entry)', async () => {
    expect(await ipSeen(true, { 'X-Forwarded-For': '6.6.6.6, 203.0.113.7' })).toBe('203.0.113.7');
    expect(await ipSeen(true, {})).toBe('10.0.0.5');
  });
});
