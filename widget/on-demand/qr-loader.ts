/**
 * The QR encoder (lean-qr, ≈2 KB min+gzip with `qr.ts`) is needed only on a desktop, and only once there is
 * a link to show: it is fetched on demand (see `loader.ts`) while the session is being created, so it is
 * normally here before the session is; until then the view keeps the QR code's place.
 */
import { onDemand } from './loader.ts';
import type * as Qr from './qr.ts';

export type QrEncoder = typeof Qr.qrPath;

const encoder = onDemand((module: typeof Qr) => module.qrPath);

/** The encoder once it is here, else `undefined`; asking starts fetching it, and `onLoaded` runs when it arrives. */
export function qrEncoder(onLoaded?: () => void): QrEncoder | undefined {
  return encoder('qr', onLoaded);
}
