/**
 * Help for the page's developer: one `console.warn` per cause (and subject) per page, naming the fix, so a
 * misconfigured page says what is wrong without flooding the console as the customer retries. The words
 * are the caller's (`../strings/developer.ts`): those about a failed create come with the hand-off module.
 */
const warned = new Set<string>();

/** @example warnOnce(`sideFile:qr`, DEVELOPER.sideFile('qr')) */
export function warnOnce(key: string, words: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`<pave-capture>: ${words}`);
}
