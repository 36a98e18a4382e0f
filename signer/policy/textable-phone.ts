/**
 * The authoritative phone check: libphonenumber-js with mobile-only metadata, so a number that cannot
 * receive a text (a landline where the plan tells them apart) is refused before PAVE is asked to text it.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/mobile';

export type { CountryCode };

export type PhoneResult =
  | { ok: true; e164: string; country: CountryCode | undefined; callingCode: string }
  | { ok: false; message: string };

/**
 * @example toTextablePhone('(647) 455-1234', { defaultCountry: 'CA', allowedCountries: ['CA', 'US'] })
 * // { ok: true, e164: '+16474551234', country: 'CA', callingCode: '1' }
 */
export function toTextablePhone(
  input: string,
  options: { defaultCountry: CountryCode; allowedCountries: readonly CountryCode[] },
): PhoneResult {
  const parsed = parsePhoneNumberFromString(input, options.defaultCountry);
  if (!parsed || !parsed.isValid()) return { ok: false, message: 'This is not a mobile number we can text.' };
  if (!parsed.country || !options.allowedCountries.includes(parsed.country)) {
    return { ok: false, message: 'We can only text numbers in ' + options.allowedCountries.join(', ') + '.' };
  }
  return { ok: true, e164: parsed.number, country: parsed.country, callingCode: parsed.countryCallingCode };
}

/**
 * "+1 ••• ••• 4567": what the widget may show, and all a log line may hold.
 * @example maskE164('+16474551234', '1') // '+1 ••• ••• 1234'
 */
export function maskE164(e164: string, callingCode: string): string {
  return `+${callingCode} ••• ••• ${e164.slice(-4)}`;
}

/** Whether libphonenumber knows this ISO 3166 alpha-2 code (upper case). */
export { isSupportedCountry } from 'libphonenumber-js/mobile';
