/**
 * The signer-wide settings: trusted proxies by address (and the retired TRUST_PROXY), the metrics token,
 * the Node server's limits — each refused with one line naming it, through `loadConfig` as entries call it.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../signer/config/environment.ts';
import type { Env } from '../../../signer/config/settings.ts';
import { baseEnv } from '../../fixtures/stack.ts';

function refusal(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

describe('TRUST_PROXY, retired', () => {
  it.each(['true', 'false', '1'])('TRUST_PROXY=%s stops the start with one line naming TRUSTED_PROXIES', (value) => {
    const error = refusal({ ...baseEnv, TRUST_PROXY: value });
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/^TRUST_PROXY is retired: .*TRUSTED_PROXIES/);
    expect(error.problems).toEqual([error.message]);
  });

  it('is the only line, even when other settings are wrong too', () => {
    expect(refusal({ TRUST_PROXY: 'true' }).message).toMatch(/^TRUST_PROXY is retired/);
  });

  it('is not in the way when empty', () => {
    expect(loadConfig({ ...baseEnv, TRUST_PROXY: ' ' }).trustedProxies).toEqual([]);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('takes IPv4 and IPv6 addresses and CIDR ranges, comma-separated', () => {
    const config = loadConfig({ ...baseEnv, TRUSTED_PROXIES: '10.0.0.1, 10.0.0.0/8,192.168.1.0/24, 2001:db8::1, 2001:db8::/32, ::ffff:10.0.0.0/104' });
    expect(config.trustedProxies).toEqual(['10.0.0.1', '10.0.0.0/8', '192.168.1.0/24', '2001:db8::1', '2001:db8::/32', '::ffff:10.0.0.0/104']);
  });

  it.each([
    ['10.1', 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.'],
    ['0x0a.0.0.1', 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.'],
    ['proxy.internal', 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.'],
    ['fe80::1%eth0', 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.'],
    ['10.0.0.0/8/8', 'is not an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32.'],
    ['10.0.0.0/33', 'has a prefix longer than 32 bits.'],
    ['2001:db8::/129', 'has a prefix longer than 128 bits.'],
    ['0.0.0.0/0', 'trusts every address: list only your own proxies.'],
    ['::/0', 'trusts every address: list only your own proxies.'],
  ])('refuses %j', (entry, problem) => {
    expect(refusal({ ...baseEnv, TRUSTED_PROXIES: `10.0.0.1, ${entry}` }).problems).toEqual([
      `TRUSTED_PROXIES must list IP addresses or CIDR ranges such as 10.0.0.0/8: ${JSON.stringify(entry)} ${problem}`,
    ]);
  });
});

describe('METRICS_TOKEN', () => {
  it('turns /metrics on with a token of at least 16 printable characters', () => {
    expect(loadConfig({ ...baseEnv, METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
    expect(loadConfig(baseEnv).metricsToken).toBeUndefined();
  });

  it('refuses a short or spaced token without showing it', () => {
    for (const token of ['short-token', 'has spaces in the token']) {
      const { problems } = refusal({ ...baseEnv, METRICS_TOKEN: token });
      expect(problems).toEqual(['METRICS_TOKEN must be at least 16 printable characters without spaces (e.g. the output of `openssl rand -hex 32`).']);
      expect(problems.join('\n')).not.toContain(token);
    }
  });
});

describe('the Node server’s limits', () => {
  it('refuses headers allowed longer than the whole request, as Node would', () => {
    expect(refusal({ ...baseEnv, SERVER_HEADERS_TIMEOUT_MS: '20000', SERVER_REQUEST_TIMEOUT_MS: '15000' }).problems).toEqual([
      'SERVER_HEADERS_TIMEOUT_MS must not be more than SERVER_REQUEST_TIMEOUT_MS (got 20000 and 15000).',
    ]);
  });

  it.each([
    ['SERVER_HEADERS_TIMEOUT_MS', '0', 'must be a whole number from 1000 to 120000 (got "0").'],
    ['SERVER_REQUEST_TIMEOUT_MS', '1h', 'must be a whole number from 1000 to 300000 (got "1h").'],
    ['SERVER_KEEPALIVE_TIMEOUT_MS', '999', 'must be a whole number from 1000 to 600000 (got "999").'],
    ['SERVER_MAX_CONNECTIONS', '0', 'must be a whole number from 1 to 1000000 (got "0").'],
  ])('refuses %s=%s', (name, value, problem) => {
    expect(refusal({ ...baseEnv, [name]: value }).problems).toEqual([`${name} ${problem}`]);
  });

  it('reports them after the sites’ problems, all at once', () => {
    expect(refusal({ ...baseEnv, PAVE_THEME: 'FANCY', SERVER_MAX_CONNECTIONS: '0' }).problems).toEqual([
      'PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").',
      'SERVER_MAX_CONNECTIONS must be a whole number from 1 to 1000000 (got "0").',
    ]);
  });
});
