/**
 * What the signer says about its configuration as it starts, besides refusing it: which sites share a PAVE
 * account (their customers, texts and bill are one account's), and warnings for settings that are valid but
 * probably a mistake — a ceiling so high it no longer protects anyone, `http://` let out of loopback.
 * Pure: the entry file prints the lines.
 */
import type { SignerConfig } from './environment.ts';
import type { SiteConfig } from './settings.ts';

/** Above these a ceiling is accepted, and warned about: the defaults are 20, 3, 60 and 1000. */
export const UNUSUAL_CEILINGS = {
  RATE_LIMIT_IP: { above: 120, reads: (n: number) => `one address could start ${n} sessions a minute`, of: (site: SiteConfig) => site.limits.ipPerMinute, normal: 20 },
  RATE_LIMIT_PHONE: { above: 10, reads: (n: number) => `one number could be texted ${n} times an hour`, of: (site: SiteConfig) => site.limits.phonePerHour, normal: 3 },
  RATE_LIMIT_SITE: { above: 600, reads: (n: number) => `the site could start ${n} sessions a minute`, of: (site: SiteConfig) => site.limits.sitePerMinute, normal: 60 },
  RATE_LIMIT_SITE_DAY: { above: 20_000, reads: (n: number) => `a bad day could cost ${n} texts`, of: (site: SiteConfig) => site.limits.sitePerDay, normal: 1000 },
} as const;

export interface StartupNotes {
  /** One line per PAVE account used by more than one site. */
  sharedAccounts: string[];
  /** One line per setting that is probably a mistake. */
  warnings: string[];
}

/**
 * @example startupNotes(loadConfig(env)).warnings // ['RATE_LIMIT_PHONE is 1000000 for site "default": one number could be texted 1000000 times an hour (default 3; above 10 is unusual).']
 */
export function startupNotes(config: SignerConfig): StartupNotes {
  const byAccount = new Map<string, string[]>();
  for (const site of config.sites.values()) {
    const account = `PAVE account "${site.pave.credentials.username}" at ${site.pave.baseUrl}`;
    byAccount.set(account, [...(byAccount.get(account) ?? []), site.id]);
  }
  const sharedAccounts = [...byAccount]
    .filter(([, sites]) => sites.length > 1)
    .map(([account, sites]) => `${account} is shared by sites ${sites.map((id) => `"${id}"`).join(', ')}: their customers, texts and bill are that one account's.`);

  const warnings: string[] = [];
  for (const site of config.sites.values()) {
    for (const [name, rule] of Object.entries(UNUSUAL_CEILINGS)) {
      const value = rule.of(site);
      if (value > rule.above) warnings.push(`${name} is ${value} for site "${site.id}": ${rule.reads(value)} (default ${rule.normal}; above ${rule.above} is unusual).`);
    }
  }
  if (config.allowInsecureHttp) {
    warnings.push('ALLOW_INSECURE_HTTP is true: http:// URLs and origins are accepted for hosts other than loopback, so PAVE calls and pages can be read and changed on the way.');
  }
  return { sharedAccounts, warnings };
}
