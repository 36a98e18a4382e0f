/**
 * The signer's sites at run time: each with its settings, its PAVE client and its ticket key — and the
 * two questions every route asks: "which site is this create for?" and "which site issued this ticket?".
 */
import { originNotAllowed, siteNotNamed, unknownSite } from '../errors.ts';
import { createPaveClient, type PaveClient, type PaveHttp } from '../pave/client.ts';
import type { Hashing } from '../pave/hashing.ts';
import { createTicketMinter, type TicketMinter } from '../policy/ticket.ts';
import type { SignerConfig } from './environment.ts';
import type { SiteConfig } from './settings.ts';

export interface SiteRuntime {
  site: SiteConfig;
  pave: PaveClient;
  tickets: TicketMinter;
}

export interface SiteRegistry {
  /**
   * The site a create is for: the one it names; else the only site that allows its origin; else the
   * default site. Throws `unknown_site`, or `origin_not_allowed` when the site does not allow the origin.
   */
  forCreate(siteId: string | undefined, origin: string): SiteRuntime;
  /**
   * The site that issued `ticket` for `sessionKey`, among the sites that allow `origin` — so a ticket
   * works only from its own dealer's pages — or among all sites for a same-origin read (`origin`
   * undefined: the page is served beside the signer). `undefined` when none did.
   */
  ownerOf(origin: string | undefined, sessionKey: string, ticket: string | undefined): Promise<SiteRuntime | undefined>;
}

/**
 * @example const registry = createSiteRegistry(config, { fetch: sandbox.request });
 */
export function createSiteRegistry(
  config: SignerConfig,
  world: { fetch?: typeof fetch; paveHttp?: PaveHttp; now?: () => Date; hashing?: Hashing } = {},
): SiteRegistry {
  const runtimes = new Map<string, SiteRuntime>();
  for (const site of config.sites.values()) {
    runtimes.set(site.id, {
      site,
      pave: createPaveClient({ ...site.pave, http: world.paveHttp, fetch: world.fetch, now: world.now, hashing: world.hashing }),
      tickets: createTicketMinter(site.pave.credentials.apiSecret, world.hashing),
    });
  }
  const allowing = (origin: string) => [...runtimes.values()].filter((runtime) => runtime.site.allowedOrigins.includes(origin));

  return {
    forCreate(siteId, origin) {
      if (siteId !== undefined) {
        const runtime = runtimes.get(siteId);
        if (!runtime) throw unknownSite();
        if (!runtime.site.allowedOrigins.includes(origin)) throw originNotAllowed();
        return runtime;
      }
      const candidates = allowing(origin);
      if (candidates.length === 1) return candidates[0]!;
      const fallback = candidates.find((runtime) => runtime.site.id === config.defaultSiteId);
      if (fallback) return fallback;
      if (!candidates.length) throw originNotAllowed();
      throw siteNotNamed();
    },
    async ownerOf(origin, sessionKey, ticket) {
      if (!ticket) return undefined;
      for (const runtime of origin === undefined ? runtimes.values() : allowing(origin)) {
        if (await runtime.tickets.verify(runtime.site.id, sessionKey, ticket)) return runtime;
      }
      return undefined;
    },
  };
}
