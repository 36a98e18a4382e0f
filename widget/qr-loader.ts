/**
 * The QR encoder (lean-qr, ≈2 KB min+gzip with `qr.ts`) is needed only on a desktop, and only once there is
 * a link to show: it is fetched on demand — a chunk of its own in the ES module build, `pave-capture.qr.js`
 * beside the script-tag build — as soon as a desktop widget might show a QR code, so it is normally here
 * before the session is.
 */
import { lazy } from './lazy.ts';
import type { qrPath } from './qr.ts';

export type QrEncoder = typeof qrPath;

let encoder = lazy<void, QrEncoder>(() => Promise.reject(new Error('no QR loader')));

/** Says where the encoder comes from; each entry file calls it once (index.ts, script-tag.ts). */
export function setQrLoader(load: () => Promise<QrEncoder>): void {
  encoder = lazy(load);
}

/** The encoder once it is here, else `undefined`; asking starts fetching it, and `onLoaded` runs when it arrives. */
export function qrEncoder(onLoaded?: () => void): QrEncoder | undefined {
  return encoder(undefined, onLoaded);
}
