/**
 * The QR encoder (lean-qr, ≈2 KB min+gzip with `qr.ts`) is needed only on a desktop, and only once there is
 * a link to show: it is fetched on demand (see `loader.ts`) while the session is being created, so it is
 * normally here before the session is. Unlike the languages, its failure matters to the view: without it
 * the link itself becomes the primary action (`null`), rather than a square that stays empty.
 */
import { onDemand } from './loader.ts';
import type * as Qr from './qr.ts';

export type QrEncoder = typeof Qr.qrPath;

/**
 * The encoder once it is here; `undefined` while it is being fetched (asking starts that, and `onSettled`
 * runs when it arrives or fails); `null` for good when it could not be fetched.
 */
const encoder = onDemand((module: typeof Qr) => module.qrPath);
export const qrEncoder = (onSettled?: () => void): QrEncoder | null | undefined => encoder('qr', onSettled);
