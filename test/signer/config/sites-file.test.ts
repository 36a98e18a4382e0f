/**
 * The sites file format on its own: the example shipped for dealers is valid, and the format reads the
 * environment's text and JSON values alike.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSites } from '../../../signer/config/sites-file.ts';

const example = readFileSync(resolve(import.meta.dirname, '../../../signer/sites.example.json'), 'utf8');
const env = { PAVE_USERNAME: 'mainstreet', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', NORTH_END_PAVE_API_KEY: 'nk', NORTH_END_PAVE_API_SECRET: 'ns' };

describe('readSites', () => {
  it('reads signer/sites.example.json, the README’s example', () => {
    const result = readSites(example, 'sites.example.json', env);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.defaultSiteId).toBe('main-street');
    const [main, north] = result.sites;
    expect(main).toMatchObject({ id: 'main-street', pave: { credentials: { username: 'mainstreet', apiKey: 'k', apiSecret: 's' } }, session: { theme: 'PRO', clientId: 'main-street' } });
    expect(north).toMatchObject({
      id: 'north-end',
      pave: { credentials: { username: 'northend', apiKey: 'nk', apiSecret: 'ns' } },
      session: { theme: 'LITE', language: 'fr', dealerName: 'North End Auto' },
      defaultCountry: 'CA',
      smsCountries: ['CA', 'US'],
      requireVin: true,
      limits: { ipPerMinute: 20, phonePerHour: 5, sitePerMinute: 60 },
    });
  });

  it('takes values as JSON or as the environment’s text', () => {
    const asText = readSites(JSON.stringify({ sites: { a: { pave_account: 'environment', ALLOWED_ORIGINS: 'https://a.example', REQUIRE_VIN: 'true', RATE_LIMIT_IP: '7', SMS_COUNTRIES: 'US, CA' } } }), 'f', env);
    const asJson = readSites(JSON.stringify({ sites: { a: { pave_account: 'environment', ALLOWED_ORIGINS: ['https://a.example'], REQUIRE_VIN: true, RATE_LIMIT_IP: 7, SMS_COUNTRIES: ['US', 'CA'] } } }), 'f', env);
    expect(asText).toEqual(asJson);
    expect(asJson.ok && asJson.sites[0]).toMatchObject({ requireVin: true, limits: { ipPerMinute: 7 }, smsCountries: ['US', 'CA'] });
  });
});

describe('readSites — each site on its own PAVE account', () => {
  const own = { PAVE_USERNAME: 'north', PAVE_API_KEY: 'north-key', PAVE_API_SECRET: 'north-secret' };
  const read = (sites: Record<string, unknown>) => readSites(JSON.stringify({ sites }), 'SITES_FILE ./sites.json', env);

  it('stops a site that names no account and does not opt in to the environment’s, by name', () => {
    const result = read({ north: { ...own, ALLOWED_ORIGINS: ['https://north.example'] }, 'main-street': { ALLOWED_ORIGINS: ['https://main.example'], PAVE_THEME: 'LITE' } });
    expect(result).toEqual({
      ok: false,
      problems: [
        'SITES_FILE ./sites.json: site "main-street" names no PAVE account: set its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET, or "pave_account": "environment" to use the environment\'s (its customers and texts then go to that account).',
      ],
    });
  });

  it('uses the environment’s account only when the entry says "pave_account": "environment"', () => {
    const result = read({ 'main-street': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://main.example'] }, north: { ...own, ALLOWED_ORIGINS: ['https://north.example'] } });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.sites.map((site) => [site.id, site.pave.credentials])).toEqual([
      ['main-street', { username: 'mainstreet', apiKey: 'k', apiSecret: 's' }],
      ['north', { username: 'north', apiKey: 'north-key', apiSecret: 'north-secret' }],
    ]);
  });

  it('never completes a site’s own account with the environment’s key or secret', () => {
    const result = read({ north: { PAVE_USERNAME: 'north', PAVE_API_KEY: 'north-key', ALLOWED_ORIGINS: ['https://north.example'] } });
    expect(result).toEqual({ ok: false, problems: ['SITES_FILE ./sites.json: sites.north.PAVE_API_SECRET is required.'] });
  });

  it('refuses both at once, and the opt-in without an account in the environment', () => {
    expect(read({ north: { ...own, pave_account: 'environment', ALLOWED_ORIGINS: ['https://north.example'] } })).toEqual({
      ok: false,
      problems: [
        'SITES_FILE ./sites.json: sites.north.pave_account is "environment", but the site also sets PAVE_USERNAME, PAVE_API_KEY, PAVE_API_SECRET: use the environment\'s account or the site\'s own, not both.',
      ],
    });
    const bare = readSites(JSON.stringify({ sites: { north: { pave_account: 'environment', ALLOWED_ORIGINS: ['https://north.example'] } } }), 'SITES_JSON', { PAVE_USERNAME: 'main' });
    expect(bare).toEqual({
      ok: false,
      problems: [
        'SITES_JSON: sites.north.pave_account is "environment", but the environment sets no PAVE_API_KEY.',
        'SITES_JSON: sites.north.pave_account is "environment", but the environment sets no PAVE_API_SECRET.',
      ],
    });
  });

  it('takes the account from other environment variables ({"env": …}) like any value', () => {
    const result = readSites(
      JSON.stringify({ sites: { north: { PAVE_USERNAME: 'north', PAVE_API_KEY: { env: 'NORTH_END_PAVE_API_KEY' }, PAVE_API_SECRET: { env: 'NORTH_END_PAVE_API_SECRET' }, ALLOWED_ORIGINS: 'https://north.example' } } }),
      'SITES_JSON',
      env,
    );
    expect(result.ok && result.sites[0]!.pave.credentials).toEqual({ username: 'north', apiKey: 'nk', apiSecret: 'ns' });
  });
});
