/**
 * Cloudflare Turnstile in the browser, for sites that turn the bot check on (`turnstile-sitekey`): loads
 * Cloudflare's api.js once per page, renders one Turnstile widget per element and hands out one fresh,
 * single-use token per create; the signer checks it with Siteverify (the signer's bot check).
 *
 * The Turnstile widget lives in the element's light DOM (a `<div slot="turnstile">` child, shown through a
 * slot): Turnstile looks its container up through the document, which does not see into shadow roots.
 * It runs in `execute` mode, so the challenge starts on submit (never for visitors who do not submit, and
 * the token is always fresh), and with `interaction-only` appearance, so it stays invisible unless
 * Cloudflare wants the visitor to tick a box.
 *
 * Fetched on demand (`turnstile.ts`, with the controller `turnstile-check.ts`): only pages with a site key
 * ever load it; the element's side is `../pave-capture/bot-check.ts`.
 * @see https://developers.cloudflare.com/turnstile/get-started/client-side-rendering/
 */

export const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/** The render parameters the widget passes (Cloudflare's names). */
export interface TurnstileParams {
  sitekey: string;
  language: string;
  execution: 'execute';
  appearance: 'interaction-only';
  size: 'flexible';
  retry: 'never';
  /** No hidden `cf-turnstile-response` input: it would end up in a dealer's own form around the element. */
  'response-field': false;
  callback: (token: string) => void;
  /** Returning `true` tells Turnstile the error is handled (otherwise it throws on the page). */
  'error-callback': (code: string) => boolean;
  'expired-callback': () => void;
  'timeout-callback': () => void;
  'unsupported-callback': () => void;
}

/** The part of Cloudflare's global `turnstile` the widget uses. */
export interface TurnstileApi {
  render(container: HTMLElement, params: TurnstileParams): string | undefined;
  execute(container: HTMLElement): void;
  reset(widgetId: string): void;
  remove(widgetId: string): void;
  getResponse(widgetId: string): string | undefined;
}

export interface TurnstileWindow {
  turnstile?: TurnstileApi;
  document: Document;
}

const failure = (code: string) => new Error(`turnstile: ${code}`);

/**
 * Cloudflare's `turnstile`, loading api.js first when the page has not: one `<script>` in the head per page,
 * shared by every element (and by a second copy of the widget, which finds it by its URL). A script that
 * fails is removed, so a later call tries again.
 * @example const turnstile = await loadTurnstile();
 */
export function loadTurnstile(win = window as unknown as TurnstileWindow): Promise<TurnstileApi> {
  return new Promise((resolve, reject) => {
    if (win.turnstile) return resolve(win.turnstile);
    const doc = win.document;
    let script = doc.querySelector<HTMLScriptElement>(`script[src="${TURNSTILE_SCRIPT}"]`);
    if (!script) {
      script = doc.createElement('script');
      // Throws where Trusted Types are enforced without a policy for it: the promise rejects.
      script.src = TURNSTILE_SCRIPT;
      doc.head.append(script);
    }
    const loaded = script;
    loaded.addEventListener('load', () => (win.turnstile ? resolve(win.turnstile) : reject(failure('missing'))));
    loaded.addEventListener('error', () => {
      loaded.remove();
      reject(failure('load'));
    });
  });
}

/** One rendered Turnstile widget. */
export interface TurnstileWidget {
  /** A token: the one waiting, else runs the challenge; rejects with Turnstile's error code. */
  token(): Promise<string>;
  /** Forgets the token (call after each create attempt: a token is good once) and readies a new challenge. */
  reset(): void;
  remove(): void;
}

/**
 * Renders Turnstile into `container` (which must be in the document, outside any shadow root).
 * @example
 * const widget = renderTurnstile(turnstile, box, { sitekey: '0x4AAAA…', language: 'fr' });
 * const token = await widget.token(); // send it, then:
 * widget.reset();
 */
export function renderTurnstile(api: TurnstileApi, container: HTMLElement, options: { sitekey: string; language: string }): TurnstileWidget {
  let waiting: { resolve: (token: string) => void; reject: (error: Error) => void } | undefined;
  let pending: Promise<string> | undefined;
  const settle = (token?: string, code = '') => {
    const waiter = waiting;
    waiting = pending = undefined;
    if (token) waiter?.resolve(token);
    else waiter?.reject(failure(code));
    return true;
  };
  const id = api.render(container, {
    ...options,
    execution: 'execute',
    appearance: 'interaction-only',
    size: 'flexible',
    retry: 'never',
    'response-field': false,
    callback: (token) => settle(token, 'empty'),
    'error-callback': (code) => settle(undefined, code),
    'expired-callback': () => api.reset(id!),
    'timeout-callback': () => settle(undefined, 'timeout'),
    'unsupported-callback': () => settle(undefined, 'unsupported'),
  });
  if (!id) throw failure('render');
  return {
    token: () => {
      // A token may be waiting already (Turnstile may run the challenge again by itself after a reset).
      const ready = api.getResponse(id);
      return ready
        ? Promise.resolve(ready)
        : (pending ??= new Promise((resolve, reject) => {
            waiting = { resolve, reject };
            api.execute(container);
          }));
    },
    reset: () => {
      settle(undefined, 'reset');
      api.reset(id);
    },
    remove: () => {
      settle(undefined, 'removed');
      api.remove(id);
    },
  };
}
