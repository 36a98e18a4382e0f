/**
 * What a failed create tells the page's developer on the console (English only, one line per cause, each
 * naming the fix): a missing `signer`, a refused origin, a signer that answered without its envelope.
 * Fetched on demand with the hand-off module: these happen only once the button is pressed.
 */
import { warnOnce } from '../core/dev-help.ts';
import type { WidgetError } from '../net/error.ts';

/** What a failed create tells the developer; `signer` is the element's attribute (empty: nothing was sent). */
export function hintDeveloper(error: WidgetError, status: number | undefined, signer: string): void {
  if (!signer) warnOnce('noSigner', 'no `signer` attribute: set it to the URL of your signer, e.g. <pave-capture signer="https://sign.dealer.example">.');
  else if (error.code === 'origin_not_allowed') {
    const origin = globalThis.location?.origin ?? '';
    warnOnce(
      `originRefused:${origin}`,
      `the signer refused this page's origin (${origin}): add it to the signer's ALLOWED_ORIGINS (or to the site's ALLOWED_ORIGINS in its sites file).`,
    );
  } else if (error.code === 'bad_response' && status) {
    warnOnce(`signerFailed:${status}`, `the signer answered HTTP ${status} without its error envelope: is \`signer\` the signer's URL, and is the signer running?`);
  }
}
