/**
 * Entry of the script-tag build (`dist/pave-capture.js`, an IIFE whose exports become `window.PaveCapture`):
 * what index.ts exports and registers, except that languages other than English come from the files
 * beside the script (`pave-capture.fr.js`…) rather than from `import()`s a bundler would resolve.
 */
import { PaveCapture } from './pave-capture.ts';
import { besideScript } from './strings/beside-script.ts';
import { setStringsLoader } from './strings/index.ts';

export { PaveCapture };
export * from './events.ts';

export const TAG_NAME = 'pave-capture';

// `currentScript` is the running script only now, while the file executes.
setStringsLoader(besideScript((document.currentScript as HTMLScriptElement | null)?.src));

if (!customElements.get('pave-capture')) customElements.define('pave-capture', PaveCapture);
