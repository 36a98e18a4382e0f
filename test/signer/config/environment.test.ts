import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../signer/config/environment.ts';
import type { Env } from '../../../signer/config/settings.ts';
import { baseEnv } from '../../fixtures/stack.ts';

const problemsOf = (env: Env, options: Parameters<typeof loadConfig>[1] = {}) => {
  try {
    loadConfig(env, options);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('loadConfig — one site from the environment', () => {
  it('reads one site, with the documented defaults', () => {
    const config = loadConfig({ PAVE_USERNAME: 'acme', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.defaultSiteId).toBe('default');
    expect([...config.sites.keys()]).toEqual(['default']);
    const site = config.sites.get('default')!;
    expect(site.pave).toEqual({ baseUrl: 'https://openapi.paveapi.com', credentials: { username: 'acme', apiKey: 'k', apiSecret: 's' }, timeoutMs: 10_000, maxConcurrency: 64 });
    expect(site.session).toEqual({ theme: 'PRO', redirectUrl: undefined, language: 'en', smsFrom: undefined, dealerName: undefined, clientId: undefined });
    expect(site.defaultCountry).toBe('US');
    expect(site.smsCountries).toEqual(['US']);
    expect(site.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(site.requireVin).toBe(false);
    expect(site.strictVin).toBe(false);
    expect(site.limits).toEqual({
      ipPerMinute: 20,
      phonePerHour: 3,
      sitePerMinute: 60,
      sitePerDay: 1000,
      followUpIpPerMinute: 120,
      statusPerSessionMinute: 60,
      resendPerSessionDay: 3,
    });
    expect(site.turnstile).toBeUndefined();
    expect(config.trustedProxies).toEqual([]);
    expect(config.allowInsecureHttp).toBe(false);
    expect(config.metricsToken).toBeUndefined();
    expect(config.server).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, keepAliveTimeoutMs: 5_000, maxConnections: 1000 });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      ...baseEnv,
      PAVE_TIMEOUT_MS: '2500',
      PAVE_THEME: 'lite',
      PAVE_LANGUAGE: 'FR',
      PAVE_CLIENT_ID: 'ROOFTOP-7',
      DEFAULT_COUNTRY: 'ca',
      REQUIRE_VIN: 'yes',
      STRICT_VIN: '1',
      RATE_LIMIT_IP: '5',
      RATE_LIMIT_PHONE: '2',
      RATE_LIMIT_SITE: '30',
      RATE_LIMIT_FOLLOW_UP_IP: '90',
      RATE_LIMIT_STATUS_SESSION: '40',
      RATE_LIMIT_RESEND_SESSION: '2',
      PAVE_MAX_CONCURRENCY: '8',
      TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::1',
      METRICS_TOKEN: 'metrics-token-0123456789',
      SERVER_HEADERS_TIMEOUT_MS: '5000',
      SERVER_REQUEST_TIMEOUT_MS: '8000',
      SERVER_KEEPALIVE_TIMEOUT_MS: '65000',
      SERVER_MAX_CONNECTIONS: '50',
    });
    const site = config.sites.get('default')!;
    expect(site.pave.timeoutMs).toBe(2500);
    expect(site.session).toEqual({
      theme: 'LITE',
      redirectUrl: 'https://www.dealer.example/thanks',
      language: 'fr',
      smsFrom: '+16475550100',
      dealerName: 'Main Street Motors',
      clientId: 'ROOFTOP-7',
    });
    expect(site.defaultCountry).toBe('CA');
    expect(site.smsCountries).toEqual(['US', 'CA']);
    expect([site.requireVin, site.strictVin]).toEqual([true, true]);
    expect(site.limits).toEqual({
      ipPerMinute: 5,
      phonePerHour: 2,
      sitePerMinute: 30,
      sitePerDay: 1000,
      followUpIpPerMinute: 90,
      statusPerSessionMinute: 40,
      resendPerSessionDay: 2,
    });
    expect(site.pave.maxConcurrency).toBe(8);
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', '2001:db8::1']);
    expect(config.metricsToken).toBe('metrics-token-0123456789');
    expect(config.server).toEqual({ headersTimeoutMs: 5000, requestTimeoutMs: 8000, keepAliveTimeoutMs: 65_000, maxConnections: 50 });
  });

  it('names every missing setting at once', () => {
    expect(problemsOf({})).toEqual([
      'PAVE_USERNAME is required.',
      'PAVE_API_KEY is required.',
      'PAVE_API_SECRET is required.',
      'ALLOWED_ORIGINS is required.',
    ]);
  });

  it('explains malformed settings, each with the value it got', () => {
    const problems = problemsOf({
      ...baseEnv,
      PAVE_THEME: 'FANCY',
      PAVE_API_URL: 'ftp://pave',
      PAVE_SMS_FROM: 'not a phone',
      DEFAULT_COUNTRY: 'XX',
      SMS_COUNTRIES: 'US,ZZ',
      RATE_LIMIT_IP: '-1',
      PAVE_TIMEOUT_MS: '10s',
      TRUSTED_PROXIES: '10.0.0.1, 10.0.0.0/33',
      SERVER_MAX_CONNECTIONS: 'lots',
      ALLOWED_ORIGINS: 'https://dealer.example/',
    });
    expect(problems).toEqual([
      'PAVE_API_URL must be an http(s) URL (got "ftp://pave").',
      'PAVE_TIMEOUT_MS must be a whole number from 100 to 60000 (got "10s").',
      'PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").',
      'PAVE_SMS_FROM must be a phone number such as +16475550100 (got "not a phone").',
      'DEFAULT_COUNTRY must be an ISO 3166 alpha-2 country code such as US or CA (got "XX").',
      'SMS_COUNTRIES must list ISO 3166 alpha-2 country codes such as US, CA: "ZZ" is not one.',
      'ALLOWED_ORIGINS must list origins like https://www.dealer.example: "https://dealer.example/" is not one (no path, no trailing slash).',
      'RATE_LIMIT_IP must be a whole number from 1 to 1000000 (got "-1").',
      'TRUSTED_PROXIES must list IP addresses or CIDR ranges such as 10.0.0.0/8: "10.0.0.0/33" has a prefix longer than 32 bits.',
      'SERVER_MAX_CONNECTIONS must be a whole number from 1 to 1000000 (got "lots").',
    ]);
  });

  it('never puts a secret in its messages', () => {
    const secret = 'x'.repeat(300);
    const problems = problemsOf({ ...baseEnv, PAVE_API_SECRET: secret, PAVE_THEME: 'X' });
    expect(problems).toEqual(['PAVE_API_SECRET must be at most 256 characters.', 'PAVE_THEME must be one of LITE, PRO, CAPT (got "X").']);
    expect(problems.join('\n')).not.toContain('xxxxxxxx');
  });
});

describe('loadConfig — sites', () => {
  const sites = {
    default_site: 'main-street',
    sites: {
      'main-street': { pave_account: 'environment', ALLOWED_ORIGINS: ['https://www.mainstreet.example'], PAVE_THEME: 'LITE', RATE_LIMIT_PHONE: 5 },
      'north-end': {
        PAVE_USERNAME: 'northend',
        PAVE_API_KEY: { env: 'NORTH_KEY' },
        PAVE_API_SECRET: { env: 'NORTH_SECRET' },
        ALLOWED_ORIGINS: 'https://www.northend.example,https://northend.example',
        PAVE_DEALER_NAME: 'North End Auto',
        DEFAULT_COUNTRY: 'CA',
        REQUIRE_VIN: true,
      },
    },
  };
  const env = { ...baseEnv, NORTH_KEY: 'north_key', NORTH_SECRET: 'north_secret' };

  it('reads SITES_JSON: each site inherits the environment, except its origins and (unless it opts in) its PAVE account', () => {
    const config = loadConfig({ ...env, PAVE_CLIENT_ID: 'GROUP', SITES_JSON: JSON.stringify(sites) });
    expect([...config.sites.keys()]).toEqual(['main-street', 'north-end']);
    expect(config.defaultSiteId).toBe('main-street');

    const main = config.sites.get('main-street')!;
    expect(main.pave.credentials).toEqual({ username: baseEnv.PAVE_USERNAME, apiKey: baseEnv.PAVE_API_KEY, apiSecret: baseEnv.PAVE_API_SECRET });
    expect(main.session).toMatchObject({ theme: 'LITE', dealerName: 'Main Street Motors', clientId: 'main-street' });
    expect(main.allowedOrigins).toEqual(['https://www.mainstreet.example']);
    expect(main.limits.phonePerHour).toBe(5);

    const north = config.sites.get('north-end')!;
    expect(north.pave.credentials).toEqual({ username: 'northend', apiKey: 'north_key', apiSecret: 'north_secret' });
    expect(north.session).toMatchObject({ theme: 'PRO', dealerName: 'North End Auto', clientId: 'north-end' });
    expect(north.allowedOrigins).toEqual(['https://www.northend.example', 'https://northend.example']);
    expect(north.defaultCountry).toBe('CA');
    expect(north.requireVin).toBe(true);
    expect(north.limits.phonePerHour).toBe(3);
  });

  it('reads SITES_FILE through the runtime’s readFile', () => {
    const read: string[] = [];
    const config = loadConfig({ ...env, SITES_FILE: './sites.json' }, { readFile: (path) => (read.push(path), JSON.stringify(sites)) });
    expect(read).toEqual(['./sites.json']);
    expect(config.sites.size).toBe(2);
  });

  it('needs no environment site when a sites file is given', () => {
    const config = loadConfig({
      SITES_JSON: JSON.stringify({ sites: { solo: { PAVE_USERNAME: 'u', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: ['https://solo.example'] } } }),
    });
    expect([...config.sites.keys()]).toEqual(['solo']);
    expect(config.defaultSiteId).toBeUndefined();
  });

  it('refuses a sites file with one precise line per problem', () => {
    const bad = {
      default_site: 'nowhere',
      sites: {
        'main-street': { PAVE_THEME: 'FANCY', PAVE_THEMES: 'LITE', ALLOWED_ORIGINS: ['https://ok.example'] },
        'north-end': { PAVE_API_SECRET: { env: 'MISSING_SECRET' }, RATE_LIMIT_IP: 0 },
        'east-side': { ALLOWED_ORIGINS: ['https://east.example'] },
      },
    };
    expect(problemsOf({ ...env, SITES_JSON: JSON.stringify(bad) })).toEqual([
      expect.stringMatching(/^SITES_JSON: sites\.main-street\.PAVE_THEMES is not a setting \(the settings are PAVE_API_URL, .*TURNSTILE_VERIFY_URL\)\.$/),
    ]);
    delete (bad.sites['main-street'] as Record<string, unknown>).PAVE_THEMES;
    (bad.sites['main-street'] as Record<string, unknown>).pave_account = 'environment';
    expect(problemsOf({ ...env, SITES_JSON: JSON.stringify(bad) })).toEqual([
      'SITES_JSON: sites.main-street.PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").',
      'SITES_JSON: sites.north-end.PAVE_API_SECRET reads environment variable MISSING_SECRET, which is not set.',
      // A site with an account of its own takes none of the environment's credentials.
      'SITES_JSON: sites.north-end.PAVE_USERNAME is required.',
      'SITES_JSON: sites.north-end.PAVE_API_KEY is required.',
      'SITES_JSON: sites.north-end.ALLOWED_ORIGINS is required.',
      'SITES_JSON: sites.north-end.RATE_LIMIT_IP must be a whole number from 1 to 1000000 (got 0).',
      'SITES_JSON: site "east-side" names no PAVE account: set its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET, or "pave_account": "environment" to use the environment\'s (its customers and texts then go to that account).',
      'SITES_JSON: default_site "nowhere" is not one of the sites (main-street, north-end, east-side).',
    ]);
  });

  it.each([
    ['not JSON', '{"sites": {', /^SITES_JSON is not valid JSON: /],
    ['no sites', '{}', /^SITES_JSON: sites is required\.$/],
    ['empty sites', '{"sites": {}}', /^SITES_JSON: sites must list at least one site\.$/],
    ['a list instead of an object', '{"sites": []}', /^SITES_JSON: sites must be an object\.$/],
    ['a bad site id', '{"sites": {"main street": {}}}', /^SITES_JSON: "main street" is not a site id \(letters, digits, _ and -, at most 64 characters\)\.$/],
    ['an unknown top-level key', '{"sites": {"a": {"ALLOWED_ORIGINS": "https://a.example"}}, "site": "a"}', /^SITES_JSON: site is not allowed/],
    ['a bad env reference', '{"sites": {"a": {"ALLOWED_ORIGINS": "https://a.example", "PAVE_USERNAME": "a", "PAVE_API_SECRET": "s", "PAVE_API_KEY": {"env": "not a name"}}}}', /^SITES_JSON: sites\.a\.PAVE_API_KEY must be text\.$/],
    ['a bad pave_account', '{"sites": {"a": {"ALLOWED_ORIGINS": "https://a.example", "pave_account": "env"}}}', /^SITES_JSON: sites\.a\.pave_account must be "environment" \(or left out, when the site names its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET\)\.$/],
  ])('refuses %s', (_name, text, message) => {
    const problems = problemsOf({ ...env, SITES_JSON: text });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('says when SITES_FILE cannot be read, or read on this runtime at all', () => {
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(problemsOf({ ...env, SITES_FILE: './nope.json' }, { readFile: () => { throw missing; } })).toEqual(['SITES_FILE ./nope.json cannot be read (ENOENT).']);
    expect(problemsOf({ ...env, SITES_FILE: './sites.json' })).toEqual(["SITES_FILE cannot be read on this runtime: put the file's JSON in SITES_JSON instead."]);
    expect(problemsOf({ ...env, SITES_FILE: './sites.json', SITES_JSON: '{}' })).toEqual(['Set SITES_FILE or SITES_JSON, not both.']);
  });

  it('never shows a secret read from the file or the environment', () => {
    const problems = problemsOf({
      ...env,
      NORTH_SECRET: 's'.repeat(400),
      SITES_JSON: JSON.stringify({ sites: { a: { ALLOWED_ORIGINS: 'https://a.example', PAVE_USERNAME: 'a', PAVE_API_SECRET: { env: 'NORTH_SECRET' }, PAVE_API_KEY: 'k'.repeat(300) } } }),
    });
    expect(problems).toEqual(['SITES_JSON: sites.a.PAVE_API_KEY must be at most 256 characters.', 'SITES_JSON: sites.a.PAVE_API_SECRET must be at most 256 characters.']);
  });

  it('reads the defences: per-day site ceiling and the Turnstile bot check', () => {
    const site = loadConfig({ ...baseEnv, RATE_LIMIT_SITE_DAY: '250', TURNSTILE_SECRET: 'ts-secret', TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9301/siteverify' }).sites.get('default')!;
    expect(site.limits.sitePerDay).toBe(250);
    expect(site.turnstile).toEqual({ secret: 'ts-secret', verifyUrl: 'http://127.0.0.1:9301/siteverify' });
    expect(loadConfig({ ...baseEnv, TURNSTILE_SECRET: 'ts-secret' }).sites.get('default')!.turnstile?.verifyUrl).toBe(
      'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    );
    expect(problemsOf({ ...baseEnv, RATE_LIMIT_SITE_DAY: '0', TURNSTILE_VERIFY_URL: 'challenges' })).toEqual([
      'RATE_LIMIT_SITE_DAY must be a whole number from 1 to 100000 (got "0").',
      'TURNSTILE_VERIFY_URL must be an http(s) URL (got "challenges").',
    ]);
  });
});
