/**
 * One signer, several rooftops: which site a request is for, and that one dealer's page can neither
 * create on another's account nor read another's sessions. Over HTTP against the in-process sandbox.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../demo/sandbox/app.ts';
import { createStack } from '../../fixtures/stack.ts';

const SOUTH = 'https://www.southside.example';
const NORTH = 'https://www.northend.example';
const GROUP = 'https://www.group.example';
const northAccount = { username: 'northend', apiKey: 'north_key', apiSecret: 'north_secret' };

function groupStack(defaultSite?: string) {
  const sites = {
    ...(defaultSite ? { default_site: defaultSite } : {}),
    sites: {
      southside: { pave_account: 'environment', ALLOWED_ORIGINS: [SOUTH, GROUP], PAVE_DEALER_NAME: 'Southside Motors', PAVE_THEME: 'LITE' },
      'north-end': {
        ALLOWED_ORIGINS: [NORTH, GROUP],
        PAVE_USERNAME: northAccount.username,
        PAVE_API_KEY: { env: 'NORTH_KEY' },
        PAVE_API_SECRET: { env: 'NORTH_SECRET' },
        PAVE_DEALER_NAME: 'North End Auto',
        PAVE_REDIRECT_URL: 'https://www.northend.example/thanks',
        REQUIRE_VIN: true,
      },
    },
  };
  return createStack(
    { SITES_JSON: JSON.stringify(sites), NORTH_KEY: northAccount.apiKey, NORTH_SECRET: northAccount.apiSecret },
    { accounts: [DEMO_ACCOUNT, northAccount] },
  );
}

const json = (response: Response) => response.json() as Promise<any>;

describe('multi-site routing', () => {
  it('routes by origin when the request names no site, each with its own account and settings', async () => {
    const stack = groupStack();
    const south = await stack.post({ delivery: 'sms', phone: '2025550143' }, { Origin: SOUTH });
    const north = await stack.post({ delivery: 'sms', phone: '2025550199', vin: '1HGCM82633A004352' }, { Origin: NORTH });
    expect([south.status, north.status]).toEqual([201, 201]);
    const [southKey, northKey] = [(await json(south)).session_key, (await json(north)).session_key];

    expect(stack.sandbox.store.sessions.get(southKey)).toMatchObject({ owner: DEMO_ACCOUNT.apiKey, theme: 'LITE', options: { client_id: 'southside' } });
    expect(stack.sandbox.store.sessions.get(northKey)).toMatchObject({
      owner: northAccount.apiKey,
      theme: 'PRO',
      redirect_url: 'https://www.northend.example/thanks',
      capture_url: `https://northend.vehiclecapture.com/${northKey}`,
      options: { client_id: 'north-end' },
    });
    expect(stack.sandbox.store.outbox.map((message) => [message.to, message.by])).toEqual([
      ['+12025550143', 'Southside Motors'],
      ['+12025550199', 'North End Auto'],
    ]);
    expect(stack.logs.map((line) => line.site)).toEqual(['southside', 'north-end']);
  });

  it('applies each site’s own rules', async () => {
    const stack = groupStack();
    const north = await stack.post({ delivery: 'link' }, { Origin: NORTH });
    expect((await json(north)).error.issues).toEqual([{ path: 'vin', code: expect.any(String), message: 'A VIN is required.' }]);
    expect((await stack.post({ delivery: 'link' }, { Origin: SOUTH })).status).toBe(201);
  });

  it('takes the named site from a page several sites allow', async () => {
    const stack = groupStack();
    const response = await stack.post({ delivery: 'link', vin: '1HGCM82633A004352', site: 'north-end' }, { Origin: GROUP });
    expect(response.status).toBe(201);
    expect(stack.sandbox.store.sessions.get((await json(response)).session_key)?.owner).toBe(northAccount.apiKey);
  });

  it('asks a shared page to name its site, unless a default site is set', async () => {
    const ambiguous = await groupStack().post({ delivery: 'link' }, { Origin: GROUP });
    expect(ambiguous.status).toBe(404);
    expect((await json(ambiguous)).error).toEqual({ code: 'unknown_site', message: expect.stringMatching(/name its site/) });

    const withDefault = groupStack('southside');
    const response = await withDefault.post({ delivery: 'link' }, { Origin: GROUP });
    expect(response.status).toBe(201);
    expect(withDefault.logs.at(-1)?.site).toBe('southside');
  });

  it('keeps origins apart: one dealer’s page cannot create on another dealer’s site', async () => {
    const stack = groupStack();
    const crossed = await stack.post({ delivery: 'link', vin: '1HGCM82633A004352', site: 'north-end' }, { Origin: SOUTH });
    expect(crossed.status).toBe(403);
    expect((await json(crossed)).error.code).toBe('origin_not_allowed');
    const unknown = await stack.post({ delivery: 'link', site: 'elsewhere' }, { Origin: SOUTH });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('unknown_site');
    expect(stack.paveCalls()).toEqual([]);
  });

  it('keeps sessions apart: a ticket works only from its own dealer’s pages', async () => {
    const stack = groupStack();
    const north = await json(await stack.post({ delivery: 'sms', phone: '2025550199', vin: '1HGCM82633A004352' }, { Origin: NORTH }));
    stack.sandbox.store.requests.length = 0;

    expect((await stack.status(north.session_key, north.ticket, { Origin: NORTH })).status).toBe(200);
    expect((await stack.status(north.session_key, north.ticket, { Origin: GROUP })).status).toBe(200);
    const fromSouth = await stack.status(north.session_key, north.ticket, { Origin: SOUTH });
    expect(fromSouth.status).toBe(404);
    expect((await json(fromSouth)).error.code).toBe('unknown_session');
    const resendFromSouth = await stack.resend(north.session_key, north.ticket, undefined, { Origin: SOUTH });
    expect(resendFromSouth.status).toBe(404);
    // One read: the second answer came from the second-long status cache.
    expect(stack.paveCalls().map((call) => call.status)).toEqual([200]);
  });

  it('a ticket names its site: a southside ticket for the same key proves nothing on north-end', async () => {
    const stack = groupStack();
    const north = await json(await stack.post({ delivery: 'link', vin: '1HGCM82633A004352' }, { Origin: NORTH }));
    const south = await json(await stack.post({ delivery: 'link' }, { Origin: SOUTH }));
    // A page allowed for both sites, holding southside's ticket, asks about north-end's session.
    const response = await stack.status(north.session_key, south.ticket, { Origin: GROUP });
    expect(response.status).toBe(404);
  });
});
