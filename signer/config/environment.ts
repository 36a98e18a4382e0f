/**
 * Turns an environment (plain strings) and, when given, a sites file into the signer's typed
 * configuration — or refuses with every problem listed, one line each. Pure: entry files pass
 * `process.env` or Worker bindings in, and how to read a file on their runtime.
 * @see ../../docs/design.md "Configuration"
 */
import { parseSiteSettings, settingProblems, toSiteConfig, type Env, type SiteConfig } from './settings.ts';
import { readSignerSettings, retiredSettings, type SignerSettings } from './signer-settings.ts';
import { readSites } from './sites-file.ts';

/** The id of the one site configured by plain environment variables. */
const DEFAULT_SITE_ID = 'default';

export interface SignerConfig extends SignerSettings {
  sites: ReadonlyMap<string, SiteConfig>;
  /**
   * The site for a request that names none when its origin does not pick one site: the environment's
   * site, or a sites file's `default_site`.
   */
  defaultSiteId: string | undefined;
}

interface LoadOptions {
  /** Reads `SITES_FILE` (Node: `readFileSync(path, 'utf8')`); runtimes without files leave it out and use `SITES_JSON`. */
  readFile?: (path: string) => string;
}

/**
 * Thrown with a message fit for a terminal: one line per problem, no stack trace needed. A retired
 * setting is one line on its own (`message`), so the fix is the first thing read.
 */
export class ConfigError extends Error {
  constructor(
    readonly problems: string[],
    message = `Invalid signer configuration:\n  - ${problems.join('\n  - ')}`,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * One site from the environment, or every site of `SITES_JSON` / `SITES_FILE`.
 * @example loadConfig(process.env, { readFile: (path) => readFileSync(path, 'utf8') }) // throws ConfigError when PAVE_API_KEY is missing
 */
export function loadConfig(env: Env, options: LoadOptions = {}): SignerConfig {
  const [retired] = retiredSettings(env);
  if (retired) throw new ConfigError([retired], retired);
  const signer = readSignerSettings(env);
  const problems = signer.ok ? [] : signer.problems;
  const sites = readSitesFrom(env, { ...options, allowInsecureHttp: signer.ok && signer.settings.allowInsecureHttp });
  if (!sites.ok) throw new ConfigError([...sites.problems, ...problems]);
  if (!signer.ok) throw new ConfigError(problems);
  return { sites: new Map(sites.sites.map((site) => [site.id, site])), defaultSiteId: sites.defaultSiteId, ...signer.settings };
}

function readSitesFrom(env: Env, options: LoadOptions & { allowInsecureHttp: boolean }): { ok: true; sites: SiteConfig[]; defaultSiteId: string | undefined } | { ok: false; problems: string[] } {
  const inline = env.SITES_JSON?.trim();
  const path = env.SITES_FILE?.trim();
  if (inline && path) return { ok: false, problems: ['Set SITES_FILE or SITES_JSON, not both.'] };
  const rules = { allowInsecureHttp: options.allowInsecureHttp };
  if (inline) return readSites(inline, 'SITES_JSON', env, rules);
  if (path) {
    if (!options.readFile) return { ok: false, problems: [`SITES_FILE cannot be read on this runtime: put the file's JSON in SITES_JSON instead.`] };
    let text: string;
    try {
      text = options.readFile(path);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, problems: [`SITES_FILE ${path} cannot be read${code ? ` (${code})` : ''}.`] };
    }
    return readSites(text, `SITES_FILE ${path}`, env, rules);
  }
  const settings = parseSiteSettings(env, rules);
  if (!settings.ok) return { ok: false, problems: settingProblems(settings.issues, env) };
  return { ok: true, sites: [toSiteConfig(DEFAULT_SITE_ID, settings.settings)], defaultSiteId: DEFAULT_SITE_ID };
}
