/**
 * Every per-site setting, declared once. A setting's name is both its environment variable and its key
 * in a sites file, and one schema reads both: the environment's text (`"20"`, `"true"`, `"US,CA"`) and the
 * file's JSON (`20`, `true`, `["US", "CA"]`). Pure: no `process`, no `node:`.
 *
 * Adding a setting takes one line in `SITE_SETTINGS` and one in `toSiteConfig`: environment variable,
 * sites-file key, validation, start-up messages and the `SiteConfig` type follow from those two.
 * @see ../../docs/design.md "Configuration"
 */
import * as z from 'zod/mini';
import { LANGUAGES } from '../../contract/schema.ts';
import { DEFAULT_TIMEOUT_MS } from '../pave/client.ts';
import type { SessionSettings } from '../pave/payload.ts';
import type { PaveCredentials } from '../pave/sign.ts';
import { PAVE_THEMES } from '../pave/types.ts';
import { isSupportedCountry, type CountryCode } from '../policy/textable-phone.ts';
import { TURNSTILE_VERIFY_URL } from '../defences/bot-check.ts';
import { isPlainHttpElsewhere, PLAIN_HTTP_RULE } from './plain-http.ts';

const DEFAULT_PAVE_API_URL = 'https://openapi.paveapi.com';

/** An environment: plain strings, as `process.env` or a Worker's text bindings hold them. */
export type Env = Record<string, string | undefined>;

/**
 * Checks one given value. A problem reads after the setting's name ("must be …"); `quotes` says it
 * already quotes the offending part, so the message need not repeat the whole value.
 */
export type Check<T> = (raw: string | number | boolean | object) => { value: T } | { problem: string; quotes?: boolean };

/** What a setting's issue carries besides its message. */
interface SettingIssueParams {
  missing?: boolean;
  quotes?: boolean;
}

const MISSING = Symbol('missing');

/** A setting read from text or JSON; `undefined`, `null` and `""` mean "not set". */
export function setting<T>(check: Check<T>, fallback: T): z.ZodMiniType<T, unknown>;
export function setting<T>(check: Check<T>): z.ZodMiniType<T | undefined, unknown>;
export function setting<T>(check: Check<T>, fallback: T | typeof MISSING | undefined = undefined) {
  return z.pipe(
    z.unknown(),
    z.transform((raw, ctx) => {
      const given = typeof raw === 'string' ? raw.trim() : raw;
      if (given === undefined || given === null || given === '') {
        if (fallback !== MISSING) return fallback;
        ctx.issues.push({ code: 'custom', message: 'is required.', input: raw, params: { missing: true } satisfies SettingIssueParams });
        return z.NEVER;
      }
      const result = check(given);
      if ('problem' in result) {
        ctx.issues.push({ code: 'custom', message: result.problem, input: raw, params: { quotes: result.quotes } satisfies SettingIssueParams });
        return z.NEVER;
      }
      return result.value;
    }),
  );
}

/** A setting without a default: missing is a problem. */
const required = <T>(check: Check<T>) => setting(check, MISSING as T);

export const text =
  (max: number): Check<string> =>
  (raw) =>
    typeof raw !== 'string' ? { problem: 'must be text.' } : raw.length > max ? { problem: `must be at most ${max} characters.` } : { value: raw };

export const httpUrl: Check<string> = (raw) =>
  typeof raw === 'string' && URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol) ? { value: raw } : { problem: 'must be an http(s) URL.' };

export const integer =
  (min: number, max: number): Check<number> =>
  (raw) => {
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    return Number.isInteger(number) && number >= min && number <= max ? { value: number } : { problem: `must be a whole number from ${min} to ${max}.` };
  };

export const flag: Check<boolean> = (raw) => {
  const value = typeof raw === 'boolean' ? raw : typeof raw === 'string' ? raw.toLowerCase() : raw;
  if (value === true || value === 'true' || value === '1' || value === 'yes') return { value: true };
  if (value === false || value === 'false' || value === '0' || value === 'no') return { value: false };
  return { problem: 'must be true or false.' };
};

const oneOf =
  <T extends string>(allowed: readonly T[]): Check<T> =>
  (raw) => {
    const match = typeof raw === 'string' ? allowed.find((option) => option.toLowerCase() === raw.toLowerCase()) : undefined;
    return match ? { value: match } : { problem: `must be one of ${allowed.join(', ')}.` };
  };

/** A list as an array or as comma-separated text, each item checked. */
export const list =
  <T>(item: Check<T>, what: string): Check<T[]> =>
  (raw) => {
    const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : undefined;
    const cleaned = items?.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)).filter((entry) => entry !== '');
    if (!cleaned?.length) return { problem: `must list ${what}.` };
    const values: T[] = [];
    for (const entry of cleaned) {
      const result = item(entry as Parameters<Check<T>>[0]);
      if ('problem' in result) return { problem: `must list ${what}: ${JSON.stringify(entry)} ${result.problem}`, quotes: true };
      values.push(result.value);
    }
    return { value: values };
  };

const country: Check<CountryCode> = (raw) =>
  typeof raw === 'string' && isSupportedCountry(raw.toUpperCase())
    ? { value: raw.toUpperCase() as CountryCode }
    : { problem: 'must be an ISO 3166 alpha-2 country code such as US or CA.' };

const countryCode: Check<CountryCode> = (raw) => ('problem' in country(raw) ? { problem: 'is not one.' } : country(raw));

/** An exact origin. A wildcard is refused by name: the allow-list compares origins exactly, `*` included. */
const origin: Check<string> = (raw) => {
  if (typeof raw === 'string' && raw.includes('*')) return { problem: 'has a wildcard: list each origin exactly (wildcards are not supported).' };
  return typeof raw === 'string' && URL.canParse(raw) && new URL(raw).origin === raw
    ? { value: raw }
    : { problem: 'is not one (no path, no trailing slash).' };
};

/** A sender number: digits with the usual separators, optionally `+`; PAVE decides what it accepts. */
const senderNumber: Check<string> = (raw) =>
  typeof raw === 'string' && /^\+?[\d\s().-]{3,20}$/.test(raw) && /\d{3}/.test(raw.replace(/\D/g, '')) ? { value: raw } : { problem: 'must be a phone number such as +16475550100.' };

/**
 * The table. Order is the order problems are reported in. A sites-file site inherits every setting it
 * does not set from the environment, except those in `NOT_INHERITED`.
 */
const SITE_SETTINGS = {
  PAVE_API_URL: setting(httpUrl, DEFAULT_PAVE_API_URL),
  PAVE_USERNAME: required(text(100)),
  PAVE_API_KEY: required(text(256)),
  PAVE_API_SECRET: required(text(256)),
  PAVE_TIMEOUT_MS: setting(integer(100, 60_000), DEFAULT_TIMEOUT_MS),
  PAVE_THEME: setting(oneOf(PAVE_THEMES), 'PRO'),
  PAVE_REDIRECT_URL: setting(httpUrl),
  PAVE_LANGUAGE: setting(oneOf(LANGUAGES), 'en'),
  PAVE_SMS_FROM: setting(senderNumber),
  PAVE_DEALER_NAME: setting(text(80)),
  PAVE_CLIENT_ID: setting(text(100)),
  DEFAULT_COUNTRY: setting(country, 'US' as CountryCode),
  SMS_COUNTRIES: setting(list(countryCode, 'ISO 3166 alpha-2 country codes such as US, CA')),
  ALLOWED_ORIGINS: required(list(origin, 'origins like https://www.dealer.example')),
  REQUIRE_VIN: setting(flag, false),
  STRICT_VIN: setting(flag, false),
  RATE_LIMIT_IP: setting(integer(1, 1_000_000), 20),
  RATE_LIMIT_PHONE: setting(integer(1, 1_000_000), 3),
  RATE_LIMIT_SITE: setting(integer(1, 1_000_000), 60),
  // A sliding log keeps one entry per session of the last day: bounded so a store stays small.
  RATE_LIMIT_SITE_DAY: setting(integer(1, 100_000), 1000),
  RATE_LIMIT_FOLLOW_UP_IP: setting(integer(1, 1_000_000), 120),
  RATE_LIMIT_STATUS_SESSION: setting(integer(1, 1_000_000), 60),
  RATE_LIMIT_RESEND_SESSION: setting(integer(1, 100), 3),
  PAVE_MAX_CONCURRENCY: setting(integer(1, 10_000), 64),
  TURNSTILE_SECRET: setting(text(256)),
  TURNSTILE_VERIFY_URL: setting(httpUrl, TURNSTILE_VERIFY_URL),
};

type SettingName = keyof typeof SITE_SETTINGS;
export const SETTING_NAMES = Object.keys(SITE_SETTINGS) as SettingName[];

/** One site's settings, checked. */
type SiteSettings = { [Name in SettingName]: z.output<(typeof SITE_SETTINGS)[Name]> };

/** A setting's problem: which setting, what is wrong, and how to show it. */
export interface SettingIssue<Name extends string = SettingName> {
  name: Name;
  message: string;
  params: SettingIssueParams;
}

/** A table of settings: name → the schema that reads it. */
type SettingsTable = Record<string, z.ZodMiniType<unknown, unknown>>;

/**
 * Checks every setting of `table` in `raw` (names not in the table are ignored: an environment has plenty).
 * @example parseSettings(SITE_SETTINGS, process.env)
 */
export function parseSettings<Table extends SettingsTable>(
  table: Table,
  raw: Readonly<Record<string, unknown>>,
): { ok: true; settings: { [Name in keyof Table]: z.output<Table[Name]> } } | { ok: false; issues: SettingIssue<Extract<keyof Table, string>>[] } {
  const settings: Record<string, unknown> = {};
  const issues: SettingIssue<Extract<keyof Table, string>>[] = [];
  for (const name of Object.keys(table) as Extract<keyof Table, string>[]) {
    const result = table[name]!.safeParse(raw[name]);
    if (result.success) settings[name] = result.data;
    else for (const issue of result.error.issues) issues.push({ name, message: issue.message, params: (issue as { params?: SettingIssueParams }).params ?? {} });
  }
  return issues.length ? { ok: false, issues } : { ok: true, settings: settings as { [Name in keyof Table]: z.output<Table[Name]> } };
}

/** The settings that hold a URL or a list of origins: `http://` is refused there (see `plain-http.ts`). */
const URL_SETTINGS = ['PAVE_API_URL', 'PAVE_REDIRECT_URL', 'TURNSTILE_VERIFY_URL'] as const satisfies readonly SettingName[];

/**
 * Checks every setting of one site (names not in the table are ignored: an environment has plenty), then
 * refuses `http://` to anything but a loopback host unless `allowInsecureHttp`.
 * @example parseSiteSettings(process.env) // { ok: false, issues: [{ name: 'PAVE_USERNAME', message: 'is required.', … }] }
 */
export function parseSiteSettings(
  raw: Readonly<Record<string, unknown>>,
  options: { allowInsecureHttp?: boolean } = {},
): { ok: true; settings: SiteSettings } | { ok: false; issues: SettingIssue[] } {
  const parsed = parseSettings(SITE_SETTINGS, raw);
  if (!parsed.ok || options.allowInsecureHttp) return parsed;
  const { settings } = parsed;
  const issues: SettingIssue[] = [];
  for (const name of URL_SETTINGS) {
    const url = settings[name];
    if (url !== undefined && isPlainHttpElsewhere(url)) issues.push({ name, message: `must use https://: ${JSON.stringify(url)} is not ${PLAIN_HTTP_RULE}.`, params: { quotes: true } });
  }
  const plainOrigin = settings.ALLOWED_ORIGINS.find(isPlainHttpElsewhere);
  if (plainOrigin) issues.push({ name: 'ALLOWED_ORIGINS', message: `must list https:// origins: ${JSON.stringify(plainOrigin)} is not ${PLAIN_HTTP_RULE}.`, params: { quotes: true } });
  // Reported in the table's order, like every other problem.
  issues.sort((a, b) => SETTING_NAMES.indexOf(a.name) - SETTING_NAMES.indexOf(b.name));
  return issues.length ? { ok: false, issues } : parsed;
}

/** Settings whose values never appear in a message (the signer-wide ones included). */
const SECRET_SETTINGS: ReadonlySet<string> = new Set(['PAVE_API_KEY', 'PAVE_API_SECRET', 'TURNSTILE_SECRET', 'METRICS_TOKEN']);

/** The three settings that make a PAVE account: a sites-file site names all three itself, or opts in to the environment's. */
export const PAVE_ACCOUNT_SETTINGS = ['PAVE_USERNAME', 'PAVE_API_KEY', 'PAVE_API_SECRET'] as const satisfies readonly SettingName[];

/**
 * What a sites-file site never takes from the environment: its own pages (one dealer's page must never
 * start sessions on another's account by default), and its own reference in PAVE's results.
 */
export const NOT_INHERITED: ReadonlySet<SettingName> = new Set(['ALLOWED_ORIGINS', 'PAVE_CLIENT_ID']);

/** Everything the signer knows about one dealer site: its settings, grouped for the code that reads them. */
export type SiteConfig = ReturnType<typeof toSiteConfig>;

/**
 * @example toSiteConfig('main-street', SiteSettings.parse({ ...env }), { clientId: 'main-street' })
 */
export function toSiteConfig(id: string, s: SiteSettings, defaults: { clientId?: string } = {}) {
  return {
    id,
    pave: {
      baseUrl: s.PAVE_API_URL,
      credentials: { username: s.PAVE_USERNAME, apiKey: s.PAVE_API_KEY, apiSecret: s.PAVE_API_SECRET } satisfies PaveCredentials,
      timeoutMs: s.PAVE_TIMEOUT_MS,
      /** Calls to PAVE in flight at once for this site, on this instance; more are answered `503 busy`. */
      maxConcurrency: s.PAVE_MAX_CONCURRENCY,
    },
    session: {
      theme: s.PAVE_THEME,
      redirectUrl: s.PAVE_REDIRECT_URL,
      language: s.PAVE_LANGUAGE,
      smsFrom: s.PAVE_SMS_FROM,
      dealerName: s.PAVE_DEALER_NAME,
      clientId: s.PAVE_CLIENT_ID ?? defaults.clientId,
    } satisfies SessionSettings,
    defaultCountry: s.DEFAULT_COUNTRY,
    smsCountries: s.SMS_COUNTRIES ?? [s.DEFAULT_COUNTRY],
    /** Exact origins (`scheme://host[:port]`) whose pages may call the signer for this site. */
    allowedOrigins: s.ALLOWED_ORIGINS,
    requireVin: s.REQUIRE_VIN,
    /** Refuse a wrong check digit on non-North-American VINs too. */
    strictVin: s.STRICT_VIN,
    limits: {
      ipPerMinute: s.RATE_LIMIT_IP,
      phonePerHour: s.RATE_LIMIT_PHONE,
      sitePerMinute: s.RATE_LIMIT_SITE,
      sitePerDay: s.RATE_LIMIT_SITE_DAY,
      followUpIpPerMinute: s.RATE_LIMIT_FOLLOW_UP_IP,
      statusPerSessionMinute: s.RATE_LIMIT_STATUS_SESSION,
      resendPerSessionDay: s.RATE_LIMIT_RESEND_SESSION,
    },
    /** Cloudflare Turnstile bot check: on when a secret is set. */
    turnstile: s.TURNSTILE_SECRET === undefined ? undefined : { secret: s.TURNSTILE_SECRET, verifyUrl: s.TURNSTILE_VERIFY_URL },
  };
}

/**
 * One line per problem, e.g. `PAVE_THEME must be one of LITE, PRO, CAPT (got "FANCY").`
 * Secret values are never shown.
 * @param prefix what comes before the setting's name, e.g. `sites.json: sites.main-street.`
 */
export function settingProblems(issues: readonly SettingIssue<string>[], raw: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  return issues.map(({ name, message, params }) => {
    const value = raw[name];
    const hide = params.missing || params.quotes || SECRET_SETTINGS.has(name) || value === undefined;
    return hide ? `${prefix}${name} ${message}` : `${prefix}${name} ${message.replace(/\.$/, '')} (got ${show(value)}).`;
  });
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return typeof value === 'string' ? `"${cut}"` : cut;
}
