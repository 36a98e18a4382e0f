import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../signer/config.ts';
import { baseEnv } from '../fixtures/stack.ts';

const problemsOf = (env: Record<string, string | undefined>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('loadConfig', () => {
  it('reads one site from the environment, with the documented defaults', () => {
    const config = loadConfig({ PAVE_USERNAME: 'acme', PAVE_API_KEY: 'k', PAVE_API_SECRET: 's', ALLOWED_ORIGINS: 'https://a.example, https://b.example' });
    const site = config.sites.get(config.defaultSiteId)!;
    expect(site.pave.baseUrl).toBe('https://openapi.paveapi.com');
    expect(site.session).toEqual({ theme: 'PRO', redirectUrl: undefined, language: 'en', smsFrom: undefined, dealerName: undefined });
    expect(site.defaultCountry).toBe('US');
    expect(site.smsCountries).toEqual(['US']);
    expect(site.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(site.limits).toEqual({ ipPerMinute: 20, phonePerHour: 3, sitePerMinute: 60, sitePerDay: 1000 });
    expect(site.turnstile).toBeUndefined();
    expect(config.trustProxy).toBe(false);
  });

  it('names every missing setting at once', () => {
    expect(problemsOf({})).toEqual([
      'PAVE_USERNAME is required.',
      'PAVE_API_KEY is required.',
      'PAVE_API_SECRET is required.',
      'ALLOWED_ORIGINS is required.',
    ]);
  });

  it('explains malformed settings', () => {
    const problems = problemsOf({
      ...baseEnv,
      PAVE_THEME: 'FANCY',
      PAVE_API_URL: 'ftp://pave',
      DEFAULT_COUNTRY: 'XX',
      RATE_LIMIT_IP: '-1',
      TRUST_PROXY: 'maybe',
      ALLOWED_ORIGINS: 'https://dealer.example/',
    });
    expect(problems).toEqual([
      'DEFAULT_COUNTRY must list ISO 3166 alpha-2 country codes such as US, CA (got "XX").',
      'PAVE_API_URL must be an http(s) URL (got "ftp://pave").',
      'PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").',
      'ALLOWED_ORIGINS entries must be origins like https://www.dealer.example, without a path or trailing slash (got "https://dealer.example/").',
      'RATE_LIMIT_IP must be a whole number from 1 to 1000000 (got "-1").',
      'TRUST_PROXY must be true or false (got "maybe").',
    ]);
  });

  it('never puts a secret in its messages', () => {
    const message = (() => {
      try {
        loadConfig({ ...baseEnv, PAVE_THEME: 'X' });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('PAVE_THEME');
    expect(message).not.toContain(baseEnv.PAVE_API_SECRET);
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
