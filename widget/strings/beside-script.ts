/**
 * Languages for the script-tag build: `pave-capture.fr.js`, `pave-capture.es.js`… sit beside
 * `pave-capture.js` and are ES modules (`export default {…}`), loaded with `import()` from the script's own
 * URL — the only CSP permission they need is the one the script already has (`script-src`), and no
 * Trusted Types sink is involved. Cross-origin (a CDN), module loads need CORS, which public CDNs send.
 */
import type { LoadStrings, Strings } from './index.ts';

/**
 * @param scriptUrl the URL of the running script: `document.currentScript.src`, read while the script runs
 *   (it is `null` afterwards). Without one the loader refuses, and the widget stays in English.
 * @example setStringsLoader(besideScript((document.currentScript as HTMLScriptElement | null)?.src))
 */
export function besideScript(scriptUrl: string | undefined, load = (url: string) => import(/* @vite-ignore */ url)): LoadStrings {
  return async (lang) => {
    if (!scriptUrl) throw new Error('the script’s URL is unknown');
    const module = (await load(new URL(`pave-capture.${lang}.js`, scriptUrl).href)) as { default: Strings };
    return module.default;
  };
}
