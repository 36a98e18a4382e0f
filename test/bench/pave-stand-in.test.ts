import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standInSession } from '../../bench/pave-stand-in.ts';
import { PaveSession } from '../../signer/pave/types.ts';
import { startStandIn } from './fixtures/pave-stand-in.ts';

let standIn: Awaited<ReturnType<typeof startStandIn>>;
beforeAll(async () => (standIn = await startStandIn()));
afterAll(() => standIn.close());

describe('the PAVE stand-in', () => {
  it('answers each create with a valid PAVE session, a fresh key each time, and counts them', async () => {
    const before = await standIn.calls();
    const first = await fetch(`${standIn.url}/v1/sessions`, { method: 'POST', body: '{}' });
    const second = await fetch(`${standIn.url}/v1/sessions`, { method: 'POST', body: '{}' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const [a, b] = [await first.json(), await second.json()];
    expect(PaveSession.safeParse(a).success).toBe(true);
    expect(a.session_key).not.toBe(b.session_key);
    expect((await standIn.calls()) - before).toBe(2);
  });

  it('answers 404 elsewhere, and counts nothing', async () => {
    const before = await standIn.calls();
    expect((await fetch(`${standIn.url}/v1/other`, { method: 'POST' })).status).toBe(404);
    expect(await standIn.calls()).toBe(before);
    expect(JSON.parse(standInSession(1)).session_key).toBe('BNC-0000000001');
  });
});
