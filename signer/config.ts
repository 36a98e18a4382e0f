/**
 * Turns an environment (plain strings) into the signer's typed configuration, or refuses with every
 * problem listed in plain words. Pure: entry files pass `process.env` or Worker bindings in.
 * @see ../../shared/design.md "Configuration"
 */
import type { PaveCredentials } from './pave/sign.ts';
import type { SessionSettings } from './pave/payload.ts';
import { PAVE_THEMES, type PaveTheme } from './pave/types.ts';
import { DEFAULT_TIMEOUT_MS } from './pave/client.ts';
import { isSupportedCountry, type CountryCode } from './phone.ts';
import { LANGUAGES } from '../widget/contract.ts';
import { TURNSTILE_VERIFY_URL } from './turnstile.ts';

export const DEFAULT_PAVE_API_URL = 'https://openapi.paveapi.com';
export const DEFAULT_SITE_ID = 'default';

/** Everything the signer knows about one dealer site. */
export interface SiteConfig {
  id: string;
  pave: { baseUrl: string; credentials: PaveCredentials; timeoutMs: number };
  session: SessionSettings;
  defaultCountry: CountryCode;
  smsCountries: CountryCode[];
  /** Exact origins (`scheme://host[:port]`) whose pages may call the signer for this site. */
  allowedOrigins: string[];
  requireVin: boolean;
  /** Refuse a wrong check digit on non-North-American VINs too. */
  strictVin: boolean;
  limits: { ipPerMinute: number; phonePerHour: number; sitePerMinute: number; sitePerDay: number };
  /** Cloudflare Turnstile bot check: on when a secret is set. */
  turnstile?: { secret: string; verifyUrl: string };
}

export interface SignerConfig {
  sites: ReadonlyMap<string, SiteConfig>;
  /** The site used when a request names none. */
  defaultSiteId: string;
  /** Read the client IP from `X-Forwarded-For` (only behind a proxy the dealer runs). */
  trustProxy: boolean;
}

export type Env = Record<string, string | undefined>;

/** Thrown with a message fit for a terminal: one line per problem, no stack trace needed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid signer configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * @example loadConfig(process.env) // throws ConfigError when PAVE_API_KEY is missing
 */
export function loadConfig(env: Env): SignerConfig {
  const read = new EnvReader(env);
  const site = readSite(read, DEFAULT_SITE_ID);
  const trustProxy = read.boolean('TRUST_PROXY', false);
  read.throwIfProblems();
  return { sites: new Map([[site.id, site]]), defaultSiteId: site.id, trustProxy };
}

function readSite(read: EnvReader, id: string): SiteConfig {
  const defaultCountry = read.country('DEFAULT_COUNTRY', 'US');
  return {
    id,
    pave: {
      baseUrl: read.url('PAVE_API_URL', DEFAULT_PAVE_API_URL),
      credentials: {
        username: read.required('PAVE_USERNAME'),
        apiKey: read.required('PAVE_API_KEY'),
        apiSecret: read.required('PAVE_API_SECRET'),
      },
      timeoutMs: read.integer('PAVE_TIMEOUT_MS', DEFAULT_TIMEOUT_MS, 100, 60_000),
    },
    session: {
      theme: read.oneOf('PAVE_THEME', PAVE_THEMES, 'PRO') as PaveTheme,
      redirectUrl: read.optionalUrl('PAVE_REDIRECT_URL'),
      language: read.oneOf('PAVE_LANGUAGE', LANGUAGES, 'en'),
      smsFrom: read.optional('PAVE_SMS_FROM'),
      dealerName: read.optional('PAVE_DEALER_NAME'),
    },
    defaultCountry,
    smsCountries: read.countries('SMS_COUNTRIES', [defaultCountry]),
    allowedOrigins: read.origins('ALLOWED_ORIGINS'),
    requireVin: read.boolean('REQUIRE_VIN', false),
    strictVin: read.boolean('STRICT_VIN', false),
    limits: {
      ipPerMinute: read.integer('RATE_LIMIT_IP', 20, 1, 1_000_000),
      phonePerHour: read.integer('RATE_LIMIT_PHONE', 3, 1, 1_000_000),
      sitePerMinute: read.integer('RATE_LIMIT_SITE', 60, 1, 1_000_000),
      // A sliding log keeps one entry per session of the last day: bounded so a store stays small.
      sitePerDay: read.integer('RATE_LIMIT_SITE_DAY', 1000, 1, 100_000),
    },
    turnstile: readTurnstile(read),
  };
}

function readTurnstile(read: EnvReader): SiteConfig['turnstile'] {
  const secret = read.optional('TURNSTILE_SECRET');
  const verifyUrl = read.url('TURNSTILE_VERIFY_URL', TURNSTILE_VERIFY_URL);
  return secret === undefined ? undefined : { secret, verifyUrl };
}

/** Reads typed values and collects every problem, so one start-up names them all. */
class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  throwIfProblems(): void {
    if (this.problems.length) throw new ConfigError(this.problems);
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) this.problems.push(`${name} is required.`);
    return value ?? '';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
    if (!match) this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}").`);
    return match ?? fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}").`);
    return fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}").`);
      return fallback;
    }
    return number;
  }

  url(name: string, fallback: string): string {
    return this.optionalUrl(name) ?? fallback;
  }

  optionalUrl(name: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined) return undefined;
    if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
      this.problems.push(`${name} must be an http(s) URL (got "${value}").`);
      return undefined;
    }
    return value;
  }

  country(name: string, fallback: CountryCode): CountryCode {
    return this.countries(name, [fallback])[0] ?? fallback;
  }

  countries(name: string, fallback: CountryCode[]): CountryCode[] {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const codes = value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    const unknown = codes.filter((code) => !isSupportedCountry(code));
    if (unknown.length || !codes.length) {
      this.problems.push(`${name} must list ISO 3166 alpha-2 country codes such as US, CA (got "${value}").`);
      return fallback;
    }
    return codes as CountryCode[];
  }

  origins(name: string): string[] {
    const value = this.required(name);
    const origins = value.split(',').map((origin) => origin.trim()).filter(Boolean);
    for (const origin of origins) {
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
        this.problems.push(`${name} entries must be origins like https://www.dealer.example, without a path or trailing slash (got "${origin}").`);
      }
    }
    return origins;
  }
}
