/**
 * The element's side of the Cloudflare Turnstile bot check (`turnstile-sitekey`), as small as it can be: the
 * controller, the loader and Turnstile's wrapper (`../on-demand/turnstile.ts`) are fetched on demand the first
 * time a site key is set, so pages without a bot check never download them. If that file cannot be fetched,
 * the bot check fails like a Turnstile that cannot load: a clear message, nothing sent.
 */
import type { WidgetError } from '../net/error.ts';
import { fetchModule } from '../on-demand/loader.ts';
import type { BotCheck, BotCheckHost } from '../on-demand/turnstile-check.ts';
import { stringsFor } from '../strings/language.ts';

type BotCheckResult = { ok: true; token?: string } | { ok: false; error: WidgetError };

/**
 * Adds the bot check to the element: nothing at all until a site key is set.
 * @example
 * #botCheck = botCheck(this, () => this.language);
 * const check = await this.#botCheck.token(); // then send check.token, then this.#botCheck.reset()
 */
export function botCheck(host: BotCheckHost, language: () => string) {
  let check: Promise<BotCheck> | undefined;
  const failed = () => stringsFor(language()).botCheckFailed;
  // Once fetched, the module's controller follows the site key itself (and drops Turnstile when it goes).
  // A file that did not load is asked for again on the next submit, as a Turnstile script that did not is.
  const load = () =>
    (check ??= fetchModule('turnstile').then(
      (module) => new (module as typeof import('../on-demand/turnstile.ts')).BotCheck(host, language, failed),
      (error: unknown) => {
        check = undefined;
        throw error;
      },
    ));
  host.addController({ hostUpdated: () => void (host.turnstileSitekey && host.isConnected && load().catch(() => undefined)) });
  return {
    /** A fresh token for one create; `{ ok: true }` without one when the bot check is off. */
    async token(): Promise<BotCheckResult> {
      if (!host.turnstileSitekey) return { ok: true };
      try {
        return (await load()).token();
      } catch {
        return { ok: false, error: { code: 'bot_check_failed', message: failed(), issues: [], worded: true } };
      }
    },
    /** After every create attempt, answered or not: the next one needs a new token. */
    reset: () => void check?.then((c) => c.reset(), () => undefined),
  };
}
