/**
 * The bot check's controller (`turnstile-sitekey`), fetched on demand with Turnstile's loader and wrapper
 * (`turnstile.ts`) the first time a site key is set, so pages without a bot check never download it; the
 * element's side, in the file every page loads, is `../pave-capture/bot-check.ts`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WidgetError } from '../net/error.ts';
import { loadTurnstile, renderTurnstile, type TurnstileWidget } from './turnstile-api.ts';

/** The element, as the bot check sees it. */
export interface BotCheckHost extends ReactiveControllerHost, HTMLElement {
  /** Cloudflare Turnstile site key; empty turns the bot check off. */
  turnstileSitekey: string;
}

type BotCheckResult = { ok: true; token?: string } | { ok: false; error: WidgetError };

/**
 * With a site key, loads and renders Turnstile once the element is in the page (so the first submit does
 * not wait for the script), and gets a token per create; without one, does nothing at all.
 * @example
 * const check = new BotCheck(host, () => host.lang, () => strings.botCheckFailed);
 * const result = await check.token(); // then send result.token, then check.reset()
 */
export class BotCheck implements ReactiveController {
  readonly #host: BotCheckHost;
  readonly #language: () => string;
  readonly #failed: () => string;
  #sitekey = '';
  /** Bumped whenever Turnstile is dropped, so a render still waiting for the script knows it is stale. */
  #generation = 0;
  #rendering: Promise<TurnstileWidget> | undefined;
  #widget: TurnstileWidget | undefined;
  #box: HTMLElement | undefined;

  constructor(host: BotCheckHost, language: () => string, failed: () => string) {
    this.#host = host;
    this.#language = language;
    this.#failed = failed;
    host.addController(this);
    this.hostUpdated();
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
      return { ok: false, error: { code: 'bot_check_failed', message: this.#failed(), issues: [], worded: true } };
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
