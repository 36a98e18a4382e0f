/**
 * What the script-tag build loads on demand — `pave-capture.fr.js`, `pave-capture.es.js`… (a language's
 * words), `pave-capture.qr.js` (the QR encoder) — sits beside `pave-capture.js`. Each is an ES module,
 * loaded with `import()` from the script's own URL: the only CSP permission it needs is the one the script
 * already has (`script-src`), and no Trusted Types sink is involved. Cross-origin (a CDN), module loads
 * need CORS, which public CDNs send.
 */

import type { LoadModule } from './loader.ts';

/**
 * @param scriptUrl the URL of the running script: `document.currentScript.src`, read while the script runs
 *   (it is `null` afterwards). Without one every load fails, and the widget does without (English, no QR code).
 * @example setModuleLoader(besideScript(document.currentScript?.src))
 */
export function besideScript(scriptUrl: string | undefined, load = (url: string): Promise<unknown> => import(/* @vite-ignore */ url)): LoadModule {
  // Without a base, `new URL` throws (a TypeError): the load fails before anything is fetched.
  return async (name) => load(new URL(`pave-capture.${name}.js`, scriptUrl || undefined).href);
}
