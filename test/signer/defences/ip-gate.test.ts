/**
 * Which ceiling the per-IP gates apply before the body names the site: the page's Origin says which site(s)
 * it can be. The limiter here only records what it was asked; the counting itself is limits.test.ts's.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../signer/config/environment.ts';
import { followUpGate, ipGate } from '../../../signer/defences/ip-gate.ts';
import type { Limiter } from '../../../signer/defences/limits.ts';
import type { LimitCheck } from '../../../signer/stores/limits/store.ts';
import { baseEnv } from '../../fixtures/stack.ts';

const SHARED = 'https://cars.example';
const NORTH = 'https://north.example';

/** Three sites: north and south share an origin, east has its own; each with its own per-IP ceilings. */
const config = loadConfig({
  ...baseEnv,
  SITES_JSON: JSON.stringify({
    sites: {
      north: { pave_account: 'environment', ALLOWED_ORIGINS: `${SHARED},${NORTH}`, RATE_LIMIT_IP: '30', RATE_LIMIT_FOLLOW_UP_IP: '300' },
      south: { pave_account: 'environment', ALLOWED_ORIGINS: SHARED, RATE_LIMIT_IP: '50', RATE_LIMIT_FOLLOW_UP_IP: '200' },
      east: { pave_account: 'environment', ALLOWED_ORIGINS: 'https://east.example', RATE_LIMIT_IP: '10', RATE_LIMIT_FOLLOW_UP_IP: '100' },
    },
  }),
});

function gated(gate: typeof ipGate) {
  const asked: Array<{ how: 'check' | 'enforce'; checks: readonly LimitCheck[] }> = [];
  const limiter: Limiter = {
    check: async (checks) => void asked.push({ how: 'check', checks }),
    enforce: async (checks) => void asked.push({ how: 'enforce', checks }),
  };
  const app = new Hono().use(gate({ config, limiter, clientIp: () => '198.51.100.7' })).all('*', (c) => c.body(null, 204));
  /** The one check the gate asked for a request from this origin (none: no Origin header). */
  const ask = async (origin?: string) => {
    const response = await app.request('/v1/sessions', { method: 'POST', headers: origin ? { Origin: origin } : {} });
    expect(response.status).toBe(204);
    const [only, ...more] = asked.splice(0);
    expect(more).toEqual([]);
    return only!;
  };
  return ask;
}

// Each test builds its own gate: the ceilings are read when the gate is made.
describe('ipGate (create): peeks at RATE_LIMIT_IP, spends nothing', () => {
  it('an origin of one site gets that site’s ceiling', async () => {
    const ask = gated(ipGate);
    expect(await ask('https://east.example')).toEqual({ how: 'check', checks: [{ key: 'ip:198.51.100.7', limit: 10, windowMs: 60_000 }] });
    expect((await ask(NORTH)).checks[0]!.limit).toBe(30);
  });

  it('an origin shared by several sites gets the most generous of theirs', async () => {
    const ask = gated(ipGate);
    expect((await ask(SHARED)).checks[0]!.limit).toBe(50);
  });

  it('no Origin, or one no site lists, gets the strictest of every site', async () => {
    const ask = gated(ipGate);
    expect((await ask()).checks[0]!.limit).toBe(10);
    expect((await ask('https://elsewhere.example')).checks[0]!.limit).toBe(10);
  });
});

describe('followUpGate (status, resend): counts every call against RATE_LIMIT_FOLLOW_UP_IP', () => {
  it('by the same rules, each site’s follow-up ceiling', async () => {
    const ask = gated(followUpGate);
    expect(await ask('https://east.example')).toEqual({ how: 'enforce', checks: [{ key: 'follow-up:198.51.100.7', limit: 100, windowMs: 60_000 }] });
    expect((await ask(SHARED)).checks[0]!.limit).toBe(300);
    expect((await ask()).checks[0]!.limit).toBe(100);
  });
});
