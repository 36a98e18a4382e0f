import { describe, expect, it } from 'vitest';
import { checkFields } from '../../../widget/core/fields.ts';
import { checkPhone } from '../../../widget/core/phone.ts';
import { en, formEnglish } from '../../../widget/strings/index.ts';

const VIN = '1HGCM82633A004352';
const none = { vin: false, phone: false };
const all = { vin: true, phone: true };
/** With the phone's rules (here once the hand-off module is) and their words. */
const rules = { requireVin: false, delivery: 'link' as const, country: 'US', strings: en, checkPhone };

describe('checkFields', () => {
  it('lets an empty form hand the link over, and reads a good VIN and phone', () => {
    expect(checkFields({ vin: '', phone: '', shown: all }, rules)).toEqual({ valid: true });
    expect(checkFields({ vin: VIN, phone: '(647) 455-1234', shown: all }, rules)).toEqual({ valid: true, e164: '+16474551234' });
  });

  it('blocks a text without a phone number, saying so only once the problem may show', () => {
    const sms = { ...rules, delivery: 'sms' as const };
    expect(checkFields({ vin: '', phone: '', shown: none }, sms)).toEqual({ valid: false });
    expect(checkFields({ vin: '', phone: '  ', shown: all }, sms)).toEqual({ valid: false, phone: en.phoneRequired });
  });

  it('blocks a text to a number it cannot read, and only warns about one that will not be texted', () => {
    const sms = { ...rules, delivery: 'sms' as const };
    expect(checkFields({ vin: '', phone: '647 455', shown: all }, sms)).toEqual({ valid: false, phone: en.phoneProblems.too_short });
    expect(checkFields({ vin: '', phone: '647 455', shown: none }, sms)).toEqual({ valid: false });
    expect(checkFields({ vin: '', phone: '647 455', shown: all }, rules)).toEqual({ valid: true, phone: en.phoneProblems.too_short });
    // A character no phone number has is certain while typing.
    expect(checkFields({ vin: '', phone: '647#', shown: none }, rules)).toEqual({ valid: true, phone: en.phoneProblems.invalid });
    expect(checkFields({ vin: '', phone: '647x', shown: none }, rules)).toEqual({ valid: true, phone: en.phoneProblems.letters });
    // Ten digits, but no area code starts with 1: not "use digits only".
    expect(checkFields({ vin: '', phone: '1234567890', shown: all }, sms)).toEqual({ valid: false, phone: en.phoneProblems.not_mobile });
  });

  it('requires the VIN only when the page says so', () => {
    const required = { ...rules, requireVin: true };
    expect(checkFields({ vin: '', phone: '', shown: none }, required)).toEqual({ valid: false });
    expect(checkFields({ vin: '', phone: '', shown: all }, required)).toEqual({ valid: false, vin: en.vinRequired });
    expect(checkFields({ vin: ` ${VIN.toLowerCase()} `, phone: '', shown: all }, required)).toEqual({ valid: true });
  });

  it('says what is certain while typing a VIN, and the rest once the field is left', () => {
    expect(checkFields({ vin: '1HGCM8', phone: '', shown: none }, rules)).toEqual({ valid: false });
    expect(checkFields({ vin: '1HGCM8', phone: '', shown: all }, rules)).toEqual({ valid: false, vin: en.vinProblems.length });
    expect(checkFields({ vin: '1HGCM8O', phone: '', shown: none }, rules)).toEqual({ valid: false, vin: en.vinProblems.characters('O') });
    expect(en.vinProblems.characters('O')).toContain('“O”');
    expect(checkFields({ vin: `${VIN}9`, phone: '', shown: none }, rules)).toEqual({ valid: false, vin: en.vinProblems.length });
  });

  it('says a wrong check digit as soon as the VIN is whole, and only warns where the check digit is optional', () => {
    expect(checkFields({ vin: '1HGCM82634A004352', phone: '', shown: none }, rules)).toEqual({ valid: false, vin: en.vinProblems.check_digit });
    expect(checkFields({ vin: 'WVWZZZ1JZXW000001', phone: '', shown: none }, rules)).toEqual({ valid: true, vinWarning: en.vinWarning });
    expect(checkFields({ vin: VIN, phone: '', shown: all }, rules)).toEqual({ valid: true });
  });

  it('before the phone’s rules are here: what shows as it is typed, and a number sent as typed (the signer reads it)', () => {
    const form = { requireVin: false, delivery: 'sms' as const, country: 'US', strings: formEnglish };
    expect(checkFields({ vin: '', phone: '647x', shown: none }, form)).toEqual({ valid: false, phone: formEnglish.phoneProblems.letters });
    expect(checkFields({ vin: '', phone: '647#', shown: none }, form)).toEqual({ valid: false, phone: formEnglish.phoneProblems.invalid });
    expect(checkFields({ vin: '', phone: '647 455', shown: all }, form)).toEqual({ valid: true });
    expect(checkFields({ vin: '', phone: '', shown: all }, form)).toEqual({ valid: false, phone: formEnglish.phoneRequired });
  });
});
