/**
 * The signer's phone metadata (`signer/policy/phone-metadata.json`): libphonenumber-js's `mobile` metadata
 * without the formatting rules. It must be exactly `npm run phone-metadata`'s output for the installed
 * libphonenumber-js, and a number must parse to the same answer — valid or not, E.164, country, calling
 * code — with it as with the full `mobile` metadata: for every country's example mobile number, in every
 * spelling the contract lets in, and for generated numbers.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { getCountries, parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/mobile/examples';
import mobile from 'libphonenumber-js/mobile/metadata';
import { describe, expect, it } from 'vitest';
import { PHONE_METADATA_JSON, phoneMetadataText } from '../../../scripts/phone-metadata.ts';
import { isSupportedCountry, toTextablePhone } from '../../../signer/policy/textable-phone.ts';

const trimmed = JSON.parse(readFileSync(PHONE_METADATA_JSON, 'utf8')) as MetadataJson;
const full = mobile as MetadataJson;
const COUNTRIES = getCountries(full);

const answer = (text: string, country: CountryCode, metadata: MetadataJson) => {
  const parsed = parsePhoneNumberFromString(text, country, metadata);
  return parsed && { valid: parsed.isValid(), number: parsed.number, country: parsed.country, callingCode: parsed.countryCallingCode, type: parsed.getType() };
};

describe('the phone metadata', () => {
  it('is `npm run phone-metadata`’s output for the installed libphonenumber-js (run it after an upgrade)', () => {
    expect(readFileSync(PHONE_METADATA_JSON, 'utf8')).toBe(phoneMetadataText());
  });

  it('knows the same countries', () => {
    expect(getCountries(trimmed)).toEqual(COUNTRIES);
    for (const code of COUNTRIES) expect(isSupportedCountry(code), code).toBe(true);
    for (const code of ['XX', 'ZZ', 'us', 'USA', '']) expect(isSupportedCountry(code), code).toBe(false);
  });

  it('parses every country’s example mobile number as the full metadata does, in every spelling', () => {
    let valid = 0;
    for (const country of COUNTRIES) {
      const national = (examples as Record<string, string>)[country];
      if (!national) continue;
      const e164 = parsePhoneNumberFromString(national, country, full)?.number;
      const spellings = [national, ...(e164 ? [e164, `${e164.slice(0, 3)} ${e164.slice(3)}`, `00${e164.slice(1)}`] : []), `(${national.slice(0, 3)}) ${national.slice(3)}`];
      for (const text of spellings) {
        for (const reader of [country, 'US', 'GB'] as CountryCode[]) {
          const expected = answer(text, reader, full);
          expect(answer(text, reader, trimmed), `${text} read in ${reader}`).toEqual(expected);
          if (expected?.valid) valid++;
        }
      }
    }
    expect(valid).toBeGreaterThan(COUNTRIES.length); // the examples are real mobile numbers: most parse as valid
  });

  it('parses generated numbers as the full metadata does', () => {
    const text = fc.oneof(
      fc.stringMatching(/^\+?[\d\s().\-/]{4,32}$/),
      fc.tuple(fc.integer({ min: 1, max: 999 }), fc.stringMatching(/^\d{4,13}$/)).map(([code, rest]) => `+${code} ${rest}`),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(...COUNTRIES), (input, country) => {
        expect(answer(input, country, trimmed)).toEqual(answer(input, country, full));
      }),
      { numRuns: 2000 },
    );
  });

  it('still refuses a landline and takes a mobile number where the plan tells them apart', () => {
    const rules = { defaultCountry: 'GB' as CountryCode, smsCountries: ['GB'] as CountryCode[] };
    expect(toTextablePhone('020 7946 0958', rules)).toMatchObject({ ok: false, issue: { code: 'not_mobile' } });
    expect(toTextablePhone('07400 123456', rules)).toEqual({ ok: true, e164: '+447400123456', country: 'GB', callingCode: '44' });
  });
});
