/**
 * The element's side of the Cloudflare Turnstile bot check (`turnstile-sitekey`). Small on purpose: the
 * loader and Turnstile's wrapper (`../on-demand/turnstile.ts`) are fetched on demand the first time a site
 * key is set, so pages without a bot check never download them. If that file cannot be fetched, the bot
 * check fails like a Turnstile that cannot load: a clear message, nothing sent.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetError } from '../net/error.ts';
import { fetchModule } from '../on-demand/loader.ts';
import { stringsFor } from '../strings/index.ts';
import type { TurnstileWidget } from '../on-demand/turnstile.ts';

/** The element, as the bot check sees it. */
export interface BotCheckHost extends ReactiveControllerHost, HTMLElement {
  /** Cloudflare Turnstile site key; empty turns the bot check off. */
  turnstileSitekey: string;
}

type BotCheckResult = { ok: true; token?: string } | { ok: false; error: WidgetError };

/**
 * The element's side of the bot check: with a site key, loads and renders Turnstile once the element is in
 * the page (so the first submit does not wait for the script), and gets a token per create; without one,
 * does nothing at all.
 * @example
 * #botCheck = new BotCheck(this, () => this.language);
 * const check = await this.#botCheck.token(); // then send check.token, then this.#botCheck.reset()
 */
export class BotCheck implements ReactiveController {
  readonly #host: BotCheckHost;
  readonly #language: () => string;
  #sitekey = '';
  /** Bumped whenever Turnstile is dropped, so a render still waiting for the script knows it is stale. */
  #generation = 0;
  #rendering: Promise<TurnstileWidget> | undefined;
  #widget: TurnstileWidget | undefined;
  #box: HTMLElement | undefined;

  constructor(host: BotCheckHost, language: () => string) {
    this.#host = host;
    this.#language = language;
    host.addController(this);
  }

  /** After each render: follows the site key, and renders Turnstile ahead of the first submit. */
  hostUpdated(): void {
    const sitekey = this.#host.turnstileSitekey;
    if (sitekey === this.#sitekey || !this.#host.isConnected) return;
    this.#drop();
    this.#sitekey = sitekey;
    if (sitekey) void this.#ready();
  }

  hostDisconnected(): void {
    this.#drop();
    this.#sitekey = '';
  }

  /** A fresh token for one create; `{ ok: true }` without one when the bot check is off. */
  async token(): Promise<BotCheckResult> {
    this.hostUpdated();
    if (!this.#sitekey) return { ok: true };
    try {
      return { ok: true, token: await (await this.#ready()).token() };
    } catch {
      return { ok: false, error: { code: 'bot_check_failed', message: stringsFor(this.#language()).botCheckFailed, issues: [], worded: true } };
    }
  }

  /** After every create attempt, answered or not: the next one needs a new token. */
  reset(): void {
    this.#widget?.reset();
  }

  #ready(): Promise<TurnstileWidget> {
    if (!this.#rendering) {
      const generation = this.#generation;
      // A failure is reported on submit, which starts again from the script.
      (this.#rendering = this.#render(generation)).catch(() => generation === this.#generation && this.#drop());
    }
    return this.#rendering;
  }

  async #render(generation: number): Promise<TurnstileWidget> {
    const { loadTurnstile, renderTurnstile } = (await fetchModule('turnstile')) as typeof import('../on-demand/turnstile.ts');
    const api = await loadTurnstile();
    if (generation !== this.#generation) throw new Error('turnstile: stale');
    const box = (this.#box = document.createElement('div'));
    box.slot = 'turnstile';
    this.#host.append(box);
    return (this.#widget = renderTurnstile(api, box, { sitekey: this.#sitekey, language: this.#language() }));
  }

  #drop() {
    this.#generation++;
    this.#widget?.remove();
    this.#box?.remove();
    this.#widget = this.#box = this.#rendering = undefined;
  }
}
