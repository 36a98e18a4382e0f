/**
 * A few hundred bytes of phone handling for the browser: enough to refuse what is obviously wrong and to
 * send E.164. The signer does the authoritative check (libphonenumber-js); this module never needs to be
 * perfect, only never stricter than the signer. What shows as the number is typed, and its formatting, are
 * `phone-typing.ts`, in the file every page loads; these rules come with the hand-off module (on demand).
 */
import { typedPhoneProblem } from './phone-typing.ts';

export { formatPhoneAsTyped } from './phone-typing.ts';

/** Country calling codes, and the trunk prefix of a national number where it has one (North America: see `checkPhone`). */
const COUNTRIES: Record<string, { code: string; trunk?: string }> = {
  US: { code: '1' },
  CA: { code: '1' },
  PR: { code: '1' },
  MX: { code: '52' },
  GB: { code: '44', trunk: '0' },
  IE: { code: '353', trunk: '0' },
  FR: { code: '33', trunk: '0' },
  BE: { code: '32', trunk: '0' },
  CH: { code: '41', trunk: '0' },
  DE: { code: '49', trunk: '0' },
  NL: { code: '31', trunk: '0' },
  ES: { code: '34' },
  IT: { code: '39' },
  PT: { code: '351' },
  AU: { code: '61', trunk: '0' },
  NZ: { code: '64', trunk: '0' },
};

/** `letters`: letters typed; `invalid`: other characters; `not_mobile`: the length of one, but no number a text reaches. */
export type PhoneProblem = 'too_short' | 'too_long' | 'invalid' | 'letters' | 'not_mobile';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

/** Calling code of a supported country, `undefined` for the others. */
export function callingCode(country: string): string | undefined {
  return COUNTRIES[country.toUpperCase()]?.code;
}

/**
 * Best-effort E.164 for what a person typed: `+` means international, anything else is read in `country`.
 * @example checkPhone('(647) 455-1234', 'CA') // { ok: true, e164: '+16474551234' }
 */
export function checkPhone(typed: string, country = 'US'): PhoneCheck {
  // Spaces around the number are not part of it (the signer trims them too).
  const input = typed.trim();
  const problem = typedPhoneProblem(input);
  if (problem) return { ok: false, problem };
  let digits = input.replace(/\D/g, '');
  if (!input.startsWith('+')) {
    const rule = COUNTRIES[country.toUpperCase()];
    if (!rule) return { ok: false, problem: 'invalid' };
    if (rule.code === '1') {
      // The trunk prefix `1` is read as such only on 11 digits; fewer than 10 are too short below.
      if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
      if (digits.length > 10) return { ok: false, problem: 'too_long' };
    } else if (rule.trunk && digits.startsWith(rule.trunk)) {
      digits = digits.slice(rule.trunk.length);
    }
    digits = rule.code + digits;
  }
  if (digits.length < 8) return { ok: false, problem: 'too_short' };
  if (digits.length > 15) return { ok: false, problem: 'too_long' };
  // North American numbers: area code and exchange never start with 0 or 1.
  if (digits.startsWith('1') && !/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) {
    return digits.length < 11 ? { ok: false, problem: 'too_short' } : { ok: false, problem: 'not_mobile' };
  }
  return { ok: true, e164: `+${digits}` };
}

/** "•••-•••-4567": enough for the customer to recognise their number, nothing for a screen-reader over the shoulder. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `•••-•••-${digits.slice(-4)}`;
}
