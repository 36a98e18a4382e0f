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
    const asText = readSites(JSON.stringify({ sites: { a: { ALLOWED_ORIGINS: 'https://a.example', REQUIRE_VIN: 'true', RATE_LIMIT_IP: '7', SMS_COUNTRIES: 'US, CA' } } }), 'f', env);
    const asJson = readSites(JSON.stringify({ sites: { a: { ALLOWED_ORIGINS: ['https://a.example'], REQUIRE_VIN: true, RATE_LIMIT_IP: 7, SMS_COUNTRIES: ['US', 'CA'] } } }), 'f', env);
    expect(asText).toEqual(asJson);
    expect(asJson.ok && asJson.sites[0]).toMatchObject({ requireVin: true, limits: { ipPerMinute: 7 }, smsCountries: ['US', 'CA'] });
  });
});
