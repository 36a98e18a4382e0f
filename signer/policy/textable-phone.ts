/**
 * The authoritative phone check: libphonenumber-js with mobile-only metadata, so a number that cannot
 * receive a text (a landline where the plan tells them apart) is refused before PAVE is asked to text it.
 * The widget's own check (`widget/phone.ts`) is only a hint while typing; this one decides.
 * The metadata is libphonenumber-js's `mobile` set without its formatting rules (`phone-metadata.json`,
 * written by `npm run phone-metadata`): nothing here formats a number for a person, so parsing answers the
 * same — the same file on every runtime — and the Worker bundle is some 9 KB gz lighter.
 */
import { isSupportedCountry as isKnownCountry, parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import metadataJson from './phone-metadata.json' with { type: 'json' };
import type { ErrorIssue } from '../../contract/schema.ts';
import { PHONE_ISSUES } from '../errors.ts';

export type { CountryCode };

const metadata = metadataJson as unknown as MetadataJson;

/** Whether libphonenumber knows this ISO 3166 alpha-2 code (upper case). */
export const isSupportedCountry = (code: string): code is CountryCode => isKnownCountry(code as CountryCode, metadata);

/** A site's texting rules (a `SiteConfig` is one): how to read a national number, and where texts may go. */
interface TextingRules {
  defaultCountry: CountryCode;
  smsCountries: readonly CountryCode[];
}

type PhoneResult =
  | { ok: true; e164: string; country: CountryCode | undefined; callingCode: string }
  | { ok: false; issue: ErrorIssue };

/**
 * @example toTextablePhone('(647) 455-1234', { defaultCountry: 'CA', smsCountries: ['CA', 'US'] })
 * // { ok: true, e164: '+16474551234', country: 'CA', callingCode: '1' }
 */
export function toTextablePhone(input: string, rules: TextingRules): PhoneResult {
  const parsed = parsePhoneNumberFromString(input, rules.defaultCountry, metadata);
  if (!parsed || !parsed.isValid()) return { ok: false, issue: PHONE_ISSUES.notMobile() };
  if (!parsed.country || !rules.smsCountries.includes(parsed.country)) {
    return { ok: false, issue: PHONE_ISSUES.countryNotAllowed(rules.smsCountries) };
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
