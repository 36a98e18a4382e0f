/**
 * Entry of the script-tag build (`dist/pave-capture.js`, an IIFE whose exports become `window.PaveCapture`):
 * what index.ts exports and registers, except that what the widget fetches on demand — the languages other
 * than English, the QR encoder — comes from the files beside the script (`pave-capture.fr.js`,
 * `pave-capture.qr.js`…) rather than from `import()`s a bundler would resolve.
 */
import { besideScript } from './beside-script.ts';
import { PaveCapture } from './pave-capture.ts';
import type * as Qr from './qr.ts';
import { setQrLoader } from './qr-loader.ts';
import { setStringsLoader, type Strings } from './strings/index.ts';

export { PaveCapture };
export * from './events.ts';

export const TAG_NAME = 'pave-capture';

// `currentScript` is the running script only now, while the file executes.
const load = besideScript((document.currentScript as HTMLScriptElement | null)?.src);
setStringsLoader(async (lang) => (await load<{ default: Strings }>(lang)).default);
setQrLoader(async () => (await load<typeof Qr>('qr')).qrPath);

if (!customElements.get('pave-capture')) customElements.define('pave-capture', PaveCapture);
