/**
 * Entry of the script-tag build (`dist/pave-capture.js`, an IIFE whose exports become `window.PaveCapture`):
 * what index.ts exports and registers, except that what the widget fetches on demand — the languages other
 * than English, the QR encoder — comes from the files beside the script (`pave-capture.fr.js`,
 * `pave-capture.qr.js`…) rather than from `import()`s a bundler would resolve.
 */
import { besideScript } from './on-demand/beside-script.ts';
import { setModuleLoader } from './on-demand/loader.ts';
import { PaveCapture } from './pave-capture/pave-capture.ts';

export { PaveCapture };
export * from './pave-capture/events.ts';

export const TAG_NAME = 'pave-capture';

// `currentScript` is the running script only now, while the file executes.
setModuleLoader(besideScript((document.currentScript as HTMLScriptElement | null)?.src));

if (!customElements.get('pave-capture')) customElements.define('pave-capture', PaveCapture);
