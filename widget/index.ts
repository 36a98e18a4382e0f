/**
 * `<pave-capture>`: import this module (or load the script-tag build) and the element is registered.
 * Registering is guarded, so loading the widget twice — two bundles, a CDN tag plus an npm import — never throws.
 * The script-tag build has its own entry, `script-tag.ts`: the same exports, its on-demand parts loaded another way.
 */
import { loadModule } from './on-demand/chunks.ts';
import { fetchModule, setModuleLoader } from './on-demand/loader.ts';
import { PaveCapture } from './pave-capture/pave-capture.ts';
import { formEnglish, languageOf, stringsFor } from './strings/language.ts';

export { PaveCapture };
export * from './pave-capture/events.ts';
export type { WidgetErrorCode } from './net/error.ts';
export type { ErrorCode } from '../contract/errors.ts';
export type { CreateSessionRequest, CreateSessionResponse, Delivery, Language, SessionStatus } from '../contract/schema.ts';

export const TAG_NAME = 'pave-capture';

// What is fetched on demand (other languages, the QR encoder): chunks of their own for the dealer's bundler.
setModuleLoader(loadModule);

/**
 * Fetches a language's words ahead of time, so the element's first render is in it rather than in English
 * for a moment. A server rendering with `@lit-labs/ssr` awaits it before rendering `<pave-capture lang="fr">`
 * (a render is synchronous: words still on their way are not waited for). Resolves, never rejects: a language
 * that cannot be had stays English, as in the browser.
 * @example await loadLanguage('fr-CA'); render(html`<pave-capture lang="fr-CA" signer="…"></pave-capture>`)
 */
export function loadLanguage(lang: string): Promise<void> {
  const language = languageOf(lang);
  return new Promise((resolve) => {
    if (language === 'en' || stringsFor(language, resolve) !== formEnglish) return resolve();
    fetchModule(language).catch(() => resolve());
  });
}

// The tag is spelled out (not TAG_NAME) so the manifest generator can read it.
if (typeof customElements !== 'undefined' && !customElements.get('pave-capture')) {
  customElements.define('pave-capture', PaveCapture);
}

declare global {
  interface HTMLElementTagNameMap {
    'pave-capture': PaveCapture;
  }
}
