/**
 * What the signer says as it starts: which sites share a PAVE account, and the settings that are valid
 * but look like mistakes.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../signer/config/environment.ts';
import { startupNotes } from '../../../signer/config/startup-notes.ts';
import { baseEnv } from '../../fixtures/stack.ts';

describe('startupNotes', () => {
  it('names the sites that share an account', () => {
    const sites = {
      sites: {
        'main-street': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://main.example'] },
        'east-side': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://east.example'] },
        north: { PAVE_USERNAME: 'north', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: ['https://north.example'] },
        'north-annex': { PAVE_USERNAME: 'north', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: ['https://annex.example'], PAVE_API_URL: 'https://other.paveapi.example' },
      },
    };
    expect(startupNotes(loadConfig({ ...baseEnv, SITES_JSON: JSON.stringify(sites) })).sharedAccounts).toEqual([
      `PAVE account "${baseEnv.PAVE_USERNAME}" at ${baseEnv.PAVE_API_URL} is shared by sites "main-street", "east-side": their customers, texts and bill are that one account's.`,
    ]);
  });

  it('says nothing of a signer whose sites each have their own account', () => {
    expect(startupNotes(loadConfig(baseEnv))).toEqual({ sharedAccounts: [], warnings: [] });
  });

  it('warns about ceilings too high to protect anyone, per site', () => {
    const { warnings } = startupNotes(loadConfig({ ...baseEnv, RATE_LIMIT_PHONE: '1000000', RATE_LIMIT_IP: '5000', RATE_LIMIT_SITE: '601', RATE_LIMIT_SITE_DAY: '100000' }));
    expect(warnings).toEqual([
      'RATE_LIMIT_IP is 5000 for site "default": one address could start 5000 sessions a minute (default 20; above 120 is unusual).',
      'RATE_LIMIT_PHONE is 1000000 for site "default": one number could be texted 1000000 times an hour (default 3; above 10 is unusual).',
      'RATE_LIMIT_SITE is 601 for site "default": the site could start 601 sessions a minute (default 60; above 600 is unusual).',
      'RATE_LIMIT_SITE_DAY is 100000 for site "default": a bad day could cost 100000 texts (default 1000; above 20000 is unusual).',
    ]);
    expect(startupNotes(loadConfig({ ...baseEnv, RATE_LIMIT_PHONE: '10', RATE_LIMIT_IP: '120' })).warnings).toEqual([]);
  });

  it('warns when http:// is let out of loopback', () => {
    expect(startupNotes(loadConfig({ ...baseEnv, ALLOW_INSECURE_HTTP: 'true' })).warnings).toEqual([
      'ALLOW_INSECURE_HTTP is true: http:// URLs and origins are accepted for hosts other than loopback, so PAVE calls and pages can be read and changed on the way.',
    ]);
  });
});
