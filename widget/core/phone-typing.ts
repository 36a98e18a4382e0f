/**
 * The part of phone handling in the file every page loads: what shows as the number is typed — letters, a
 * character no number has — and the formatting of North American numbers as they are typed. The lengths and
 * calling codes (`phone.ts`) come with the hand-off module, fetched as the form is first focused: problems
 * they find show when the field is left (normally it is here by then; else once it is) or the form sent (a text
 * waits for it; without it, the signer's check answers).
 */

/** What can be told of a number while it is typed: letters, or other characters no number has. */
export type TypedPhoneProblem = 'letters' | 'invalid';

/** Anything but digits and the separators people type. */
const NOT_PHONE = /[^\d\s()+.\-/]/;

/** The countries of calling code 1 (`phone.ts` has their rules): their numbers are formatted as typed. */
export const NORTH_AMERICA: readonly string[] = ['US', 'CA', 'PR'];

/**
 * @example typedPhoneProblem('647-CALL') // 'letters'
 */
export function typedPhoneProblem(input: string): TypedPhoneProblem | undefined {
  if (/\p{L}/u.test(input)) return 'letters';
  if (NOT_PHONE.test(input) || input.lastIndexOf('+') > 0) return 'invalid';
  return undefined;
}

/**
 * Formats North American numbers as they are typed — `(647) 455-12` — and leaves others as typed.
 * Only reformats when the input holds nothing but digits and separators, so the caret stays sensible.
 */
export function formatPhoneAsTyped(input: string, country = 'US'): string {
  // Letters stay on screen, so the message about them points at something the customer can see.
  if (input.trim().startsWith('+') || !NORTH_AMERICA.includes(country.toUpperCase()) || NOT_PHONE.test(input)) return input;
  let digits = input.replace(/\D/g, '');
  if (digits.length > 10 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length > 10) return input;
  // No closing parenthesis until a fourth digit: otherwise Backspace could never delete it.
  if (digits.length <= 3) return digits;
  if (digits.length <= 6) return `(${digits.slice(0, 3)}) ${digits.slice(3)}`;
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}
