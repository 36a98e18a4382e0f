/**
 * Is this a touch phone? Decides the hand-off under `delivery="auto"`: a phone opens the capture link
 * itself, a desktop shows a QR code for the phone. Media queries describe the device the customer holds
 * better than the user agent; the user-agent hint covers browsers that report a fine pointer on phones.
 */
export function isTouchPhone(view: Pick<Window, 'matchMedia' | 'navigator'> | undefined = globalThis.window): boolean {
  if (!view) return false;
  const coarse = view.matchMedia?.('(hover: none) and (pointer: coarse)').matches ?? false;
  // "Mobi" as a word start is in every phone browser's user agent (MDN's advice); iPhone for in-app browsers without it.
  const mobile = /\bMobi|iPhone/i.test(view.navigator?.userAgent ?? '');
  return coarse || mobile;
}
