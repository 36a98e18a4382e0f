/**
 * The demo signer's environment (demo/start/signer-env.ts), and the demo wired as `npm start` wires it —
 * in process, no ports: with PUBLIC_HOST, a page served at that address may create a session, its
 * capture link points there, and the capture ends on the demo's return page there. No address is contacted.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../signer/app.ts';
import { loadConfig } from '../../../signer/config/environment.ts';
import { createSandbox, DEMO_ACCOUNT } from '../../../demo/sandbox/app.ts';
import { demoPlan } from '../../../demo/start/plan.ts';
import { demoSignerEnv } from '../../../demo/start/signer-env.ts';
import { inProcessFetch } from '../../fixtures/stack.ts';

describe('demoSignerEnv', () => {
  it('with the sandbox: its account and URL, the demo’s defaults, and the page’s origins allowed', () => {
    const env = demoSignerEnv(demoPlan({}), {}, DEMO_ACCOUNT);
    expect(env).toMatchObject({
      PAVE_API_URL: 'http://127.0.0.1:8788',
      PAVE_USERNAME: DEMO_ACCOUNT.username,
      PAVE_API_KEY: DEMO_ACCOUNT.apiKey,
      PAVE_API_SECRET: DEMO_ACCOUNT.apiSecret,
      PAVE_REDIRECT_URL: 'http://localhost:5173/thanks.html',
      PAVE_DEALER_NAME: 'Main Street Motors',
      SMS_COUNTRIES: 'US,CA',
      ALLOWED_ORIGINS: 'http://localhost:5173,http://127.0.0.1:5173',
    });
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('keeps the developer’s settings, adds the demo’s own page origins to theirs, and ignores blank lines of .env', () => {
    const given = { ALLOWED_ORIGINS: 'https://www.dealer.example', PAVE_REDIRECT_URL: '', PAVE_DEALER_NAME: 'North End Auto', RATE_LIMIT_PHONE: '4' };
    const env = demoSignerEnv(demoPlan({ PUBLIC_HOST: '192.168.1.20' }), given, DEMO_ACCOUNT);
    expect(env.ALLOWED_ORIGINS).toBe('https://www.dealer.example,http://localhost:5173,http://127.0.0.1:5173,http://192.168.1.20:5173');
    expect(env).toMatchObject({ PAVE_REDIRECT_URL: 'http://192.168.1.20:5173/thanks.html', PAVE_DEALER_NAME: 'North End Auto', RATE_LIMIT_PHONE: '4' });
  });

  it('with real PAVE: the developer’s credentials and API, untouched', () => {
    const given = { PAVE_USERNAME: 'dealer', PAVE_API_KEY: 'key', PAVE_API_SECRET: 'secret', PAVE_API_URL: 'https://openapi.paveapi.com' };
    const env = demoSignerEnv(demoPlan(given), given, DEMO_ACCOUNT);
    expect(env).toMatchObject(given);
  });
});

describe('the demo as npm start wires it, with PUBLIC_HOST', () => {
  const PUBLIC_PAGE = 'http://192.168.1.20:5173';

  function wiredDemo(env: Record<string, string>) {
    const plan = demoPlan(env, ['192.168.1.20']);
    const base = plan.captureBaseUrl;
    const sandbox = createSandbox({ captureBaseUrl: base ? () => base : undefined });
    const signer = createApp({ config: loadConfig(demoSignerEnv(plan, env, DEMO_ACCOUNT)), fetch: inProcessFetch(sandbox.app), log: () => {} });
    const create = (origin: string) =>
      signer.request('/v1/sessions', { method: 'POST', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify({ delivery: 'link' }) });
    return { sandbox, create };
  }

  it('accepts the page at PUBLIC_HOST, gives a capture link at PUBLIC_HOST, and the capture ends on the return page there', async () => {
    const { sandbox, create } = wiredDemo({ PUBLIC_HOST: '192.168.1.20' });
    const created = await create(PUBLIC_PAGE);
    expect(created.status).toBe(201);
    expect(created.headers.get('Access-Control-Allow-Origin')).toBe(PUBLIC_PAGE);
    const { capture_url } = (await created.json()) as { capture_url: string };
    expect(capture_url).toMatch(/^http:\/\/192\.168\.1\.20:8788\/capture\/DMO-[A-Z0-9]{10}$/);

    // The phone opens the link and takes every step; the last one sends it to the demo's return page.
    const path = new URL(capture_url).pathname;
    expect((await sandbox.app.request(path)).status).toBe(200);
    let answer = await sandbox.app.request(`${path}/next`, { method: 'POST' });
    for (let step = 1; step < 10 && answer.headers.get('Location') === path; step++) answer = await sandbox.app.request(`${path}/next`, { method: 'POST' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('Location')).toBe(`${PUBLIC_PAGE}/thanks.html`);
  });

  it('still serves the page on this computer, and refuses a page from anywhere else', async () => {
    const { create } = wiredDemo({ PUBLIC_HOST: '192.168.1.20' });
    expect((await create('http://localhost:5173')).status).toBe(201);
    const foreign = await create('http://192.168.1.21:5173');
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
  });

  it('without PUBLIC_HOST the page at that address is refused, and links stay on this computer', async () => {
    const { create } = wiredDemo({});
    expect((await create(PUBLIC_PAGE)).status).toBe(403);
    const { capture_url } = (await (await create('http://localhost:5173')).json()) as { capture_url: string };
    expect(capture_url).toMatch(/^http:\/\/127\.0\.0\.1:8788\/capture\//);
  });
});
