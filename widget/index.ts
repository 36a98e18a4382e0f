/**
 * `<pave-capture>`: import this module (or load the script-tag build) and the element is registered.
 * Registering is guarded, so loading the widget twice — two bundles, a CDN tag plus an npm import — never throws.
 */
import { PaveCapture } from './pave-capture.ts';

export { PaveCapture };
export * from './events.ts';
export type { CreateSessionRequest, CreateSessionResponse, Delivery, ErrorCode, Language } from './contract.ts';

export const TAG_NAME = 'pave-capture';

if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, PaveCapture);
}

declare global {
  interface HTMLElementTagNameMap {
    'pave-capture': PaveCapture;
  }
}
