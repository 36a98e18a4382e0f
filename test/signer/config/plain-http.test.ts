/**
 * Footguns refused at start-up: `http://` origins and PAVE/Turnstile/redirect URLs off loopback (unless
 * ALLOW_INSECURE_HTTP=true says so), and wildcards in ALLOWED_ORIGINS.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../signer/config/environment.ts';
import type { Env } from '../../../signer/config/settings.ts';
import { isLoopbackHost, isPlainHttpElsewhere } from '../../../signer/config/plain-http.ts';
import { baseEnv } from '../../fixtures/stack.ts';

const problemsOf = (env: Env) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

const RULE = 'is not a loopback address (http:// is allowed only for localhost, *.localhost, 127.x.x.x and [::1], or with ALLOW_INSECURE_HTTP=true).';

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'sandbox.localhost', 'localhost.', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['localhost.example', 'mylocalhost', '128.0.0.1', '127.0.0.256', '10.0.0.1', '[::2]', '[::ffff:127.0.0.1]', 'dealer.example'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
  it('looks at the scheme and the host only', () => {
    expect(isPlainHttpElsewhere('http://pave.example')).toBe(true);
    expect(isPlainHttpElsewhere('https://pave.example')).toBe(false);
    expect(isPlainHttpElsewhere('http://127.0.0.1:8788')).toBe(false);
    expect(isPlainHttpElsewhere('http://[::1]:8788/v1')).toBe(false);
    expect(isPlainHttpElsewhere('not a url')).toBe(false);
  });
});

describe('http:// in the configuration', () => {
  it('refuses an http:// PAVE URL, origin, redirect and Siteverify URL off loopback, each by name', () => {
    expect(
      problemsOf({
        ...baseEnv,
        PAVE_API_URL: 'http://openapi.paveapi.com',
        PAVE_REDIRECT_URL: 'http://www.dealer.example/thanks',
        ALLOWED_ORIGINS: 'https://www.dealer.example, http://dealer.example',
        TURNSTILE_VERIFY_URL: 'http://challenges.cloudflare.com/turnstile/v0/siteverify',
      }),
    ).toEqual([
      `PAVE_API_URL must use https://: "http://openapi.paveapi.com" ${RULE}`,
      `PAVE_REDIRECT_URL must use https://: "http://www.dealer.example/thanks" ${RULE}`,
      `ALLOWED_ORIGINS must list https:// origins: "http://dealer.example" ${RULE}`,
      `TURNSTILE_VERIFY_URL must use https://: "http://challenges.cloudflare.com/turnstile/v0/siteverify" ${RULE}`,
    ]);
  });

  it('accepts http:// on loopback: the demo and the local sandbox', () => {
    const site = loadConfig({ ...baseEnv, PAVE_API_URL: 'http://127.0.0.1:8788', ALLOWED_ORIGINS: 'http://localhost:5173,http://127.0.0.1:5173', PAVE_REDIRECT_URL: 'http://localhost:5173/thanks.html' }).sites.get('default')!;
    expect(site.pave.baseUrl).toBe('http://127.0.0.1:8788');
    expect(site.allowedOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
  });

  it('accepts it anywhere with ALLOW_INSECURE_HTTP=true (and says so: see startup-notes)', () => {
    const config = loadConfig({ ...baseEnv, ALLOW_INSECURE_HTTP: 'true', PAVE_API_URL: 'http://pave.internal', ALLOWED_ORIGINS: 'http://www.dealer.example' });
    expect(config.allowInsecureHttp).toBe(true);
    expect(config.sites.get('default')!.pave.baseUrl).toBe('http://pave.internal');
  });

  it('names the site in a sites file', () => {
    const sites = { sites: { north: { pave_account: 'environment', ALLOWED_ORIGINS: ['http://www.north.example'] } } };
    expect(problemsOf({ ...baseEnv, SITES_JSON: JSON.stringify(sites) })).toEqual([`SITES_JSON: sites.north.ALLOWED_ORIGINS must list https:// origins: "http://www.north.example" ${RULE}`]);
    // Inherited from the environment, the PAVE URL is refused for each site that takes it.
    expect(problemsOf({ ...baseEnv, PAVE_API_URL: 'http://pave.internal', SITES_JSON: JSON.stringify({ sites: { north: { pave_account: 'environment', ALLOWED_ORIGINS: ['https://north.example'] } } }) })).toEqual([
      `SITES_JSON: sites.north.PAVE_API_URL must use https://: "http://pave.internal" ${RULE}`,
    ]);
  });
});

describe('wildcards in ALLOWED_ORIGINS', () => {
  it.each(['https://*.dealer.example', '*', 'https://www.dealer.*'])('refuses %j with a message', (origin) => {
    expect(problemsOf({ ...baseEnv, ALLOWED_ORIGINS: `https://www.dealer.example, ${origin}` })).toEqual([
      `ALLOWED_ORIGINS must list origins like https://www.dealer.example: ${JSON.stringify(origin)} has a wildcard: list each origin exactly (wildcards are not supported).`,
    ]);
  });
});
