/**
 * The sites file (`SITES_FILE`, or its JSON inline in `SITES_JSON`): one signer for a dealer group with
 * several rooftops. Each site is the settings of `settings.ts` under the same names as the environment
 * variables; a site inherits what it does not set from the environment (except `ALLOWED_ORIGINS`, which
 * each site names itself, and `PAVE_CLIENT_ID`, its site id by default), and any value can be read from
 * another environment variable with `{"env": "NAME"}` — the way to keep PAVE secrets out of the file.
 *
 * Sites are isolated: a site's customers' names, numbers and texts go to the PAVE account it names itself
 * (`PAVE_USERNAME`, `PAVE_API_KEY`, `PAVE_API_SECRET`, all three). Using the environment's account is said
 * in the entry, `"pave_account": "environment"`; a site that does neither stops the start, by name.
 * Pure: the caller reads the file.
 *
 * @example
 * {
 *   "default_site": "main-street",
 *   "sites": {
 *     "main-street": {
 *       "PAVE_USERNAME": "mainstreet",
 *       "PAVE_API_KEY": { "env": "MAIN_STREET_PAVE_KEY" },
 *       "PAVE_API_SECRET": { "env": "MAIN_STREET_PAVE_SECRET" },
 *       "PAVE_THEME": "LITE",
 *       "ALLOWED_ORIGINS": ["https://www.mainstreetmotors.example"],
 *       "RATE_LIMIT_PHONE": 5
 *     }
 *   }
 * }
 */
import * as z from 'zod/mini';
import { SiteId } from '../../contract/schema.ts';
import { NOT_INHERITED, PAVE_ACCOUNT_SETTINGS, SETTING_NAMES, parseSiteSettings, settingProblems, toSiteConfig, type Env, type SiteConfig } from './settings.ts';

/** `{"env": "NAME"}`: the value of environment variable NAME. */
const EnvReference = z.strictObject({
  env: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must name an environment variable.')),
});

/** `"pave_account": "environment"`: the site uses the environment's PAVE account, on purpose. */
const ENVIRONMENT_ACCOUNT = 'environment';

/**
 * One site's entry: any of the settings, each optional (values are checked once references are resolved),
 * and `pave_account` — lower-case because it is not a setting: it says where the site's account comes from.
 */
const SiteEntry = z.strictObject({
  ...Object.fromEntries(SETTING_NAMES.map((name) => [name, z.optional(z.unknown())])),
  pave_account: z.optional(z.literal(ENVIRONMENT_ACCOUNT, `must be "${ENVIRONMENT_ACCOUNT}" (or left out, when the site names its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET).`)),
});

const SitesFile = z.strictObject({
  /** Editors' JSON-schema hint; ignored. */
  $schema: z.optional(z.string()),
  /** The site for requests that name none and whose origin several sites allow. */
  default_site: z.optional(SiteId),
  sites: z.record(SiteId, SiteEntry).check(z.refine((sites) => Object.keys(sites).length > 0, 'must list at least one site.')),
});

type SitesResult = { ok: true; sites: SiteConfig[]; defaultSiteId: string | undefined } | { ok: false; problems: string[] };

/**
 * @param text the file's contents
 * @param source how to name the file in messages, e.g. `SITES_FILE ./sites.json`
 * @param env the environment: inherited settings and `{"env": …}` references
 * @param rules `allowInsecureHttp`: `ALLOW_INSECURE_HTTP=true`
 */
export function readSites(text: string, source: string, env: Env, rules: { allowInsecureHttp?: boolean } = {}): SitesResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const file = SitesFile.safeParse(json);
  if (!file.success) return { ok: false, problems: file.error.issues.flatMap((issue) => fileProblem(source, issue, json)) };

  const problems: string[] = [];
  const sites: SiteConfig[] = [];
  const inherited = Object.fromEntries(SETTING_NAMES.filter((name) => !NOT_INHERITED.has(name)).map((name) => [name, env[name]]));
  const account = new Set<string>(PAVE_ACCOUNT_SETTINGS);
  for (const [id, { pave_account: accountFrom, ...given }] of Object.entries(file.data.sites)) {
    const entry: Record<string, unknown> = given;
    const where = `${source}: sites.${id}.`;
    const named = PAVE_ACCOUNT_SETTINGS.filter((name) => entry[name] !== undefined);
    if (accountFrom === ENVIRONMENT_ACCOUNT && named.length) {
      problems.push(`${where}pave_account is "${ENVIRONMENT_ACCOUNT}", but the site also sets ${named.join(', ')}: use the environment's account or the site's own, not both.`);
      continue;
    }
    if (accountFrom !== ENVIRONMENT_ACCOUNT && !named.length) {
      problems.push(
        `${source}: site "${id}" names no PAVE account: set its own PAVE_USERNAME, PAVE_API_KEY and PAVE_API_SECRET, or "pave_account": "${ENVIRONMENT_ACCOUNT}" to use the environment's (its customers and texts then go to that account).`,
      );
      continue;
    }
    const own: Record<string, unknown> = {};
    const unresolved = new Set<string>();
    for (const [name, value] of Object.entries(entry)) {
      const reference = EnvReference.safeParse(value);
      if (!reference.success) own[name] = value;
      else if (env[reference.data.env]?.trim()) own[name] = env[reference.data.env];
      else {
        problems.push(`${where}${name} reads environment variable ${reference.data.env}, which is not set.`);
        unresolved.add(name);
      }
    }
    // A site with its own account takes none of the environment's three: half of one account and half of another is no account.
    const base = accountFrom === ENVIRONMENT_ACCOUNT ? inherited : Object.fromEntries(Object.entries(inherited).filter(([name]) => !account.has(name)));
    const raw = { ...base, ...own };
    const settings = parseSiteSettings(raw, rules);
    if (settings.ok) sites.push(toSiteConfig(id, settings.settings, { clientId: id }));
    else {
      // A reference already reported is not reported again as missing.
      const issues = settings.issues.filter((issue) => !(unresolved.has(issue.name) && issue.params.missing));
      problems.push(...settingProblems(issues, raw, where).map((line) => environmentAccountHint(line, accountFrom, where)));
    }
  }
  const defaultSiteId = file.data.default_site;
  if (defaultSiteId !== undefined && !(defaultSiteId in file.data.sites)) {
    problems.push(`${source}: default_site "${defaultSiteId}" is not one of the sites (${Object.keys(file.data.sites).join(', ')}).`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, sites, defaultSiteId };
}

/** A site on the environment's account whose account setting is missing: say it is the environment's that is. */
function environmentAccountHint(line: string, accountFrom: string | undefined, where: string): string {
  if (accountFrom !== ENVIRONMENT_ACCOUNT) return line;
  const missing = PAVE_ACCOUNT_SETTINGS.find((name) => line === `${where}${name} is required.`);
  return missing ? `${where}pave_account is "${ENVIRONMENT_ACCOUNT}", but the environment sets no ${missing}.` : line;
}

function fileProblem(source: string, issue: z.core.$ZodIssue, json: unknown): string[] {
  const path = issue.path.map(String).join('.');
  const at = path ? `${source}: ${path}` : source;
  const given = issue.path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), json);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        path.startsWith('sites.')
          ? `${at}.${key} is not a setting (the settings are ${SETTING_NAMES.join(', ')}).`
          : `${at}${path ? '.' : ': '}${key} is not allowed (a sites file has "sites" and optionally "default_site").`,
      );
    case 'invalid_key':
      return [`${source}: ${JSON.stringify(issue.path.at(-1))} is not a site id (letters, digits, _ and -, at most 64 characters).`];
    case 'invalid_type':
      return [`${at} ${given === undefined ? 'is required' : `must be ${article(issue.expected)}`}.`];
    default:
      return [`${at} ${issue.message}`];
  }
}

const article = (type: string) => (type === 'object' || type === 'record' ? 'an object' : type === 'array' ? 'a list' : `a ${type}`);
