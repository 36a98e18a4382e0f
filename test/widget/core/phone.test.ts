import { describe, expect, it } from 'vitest';
import { callingCode, checkPhone, formatPhoneAsTyped, maskPhone } from '../../../widget/core/phone.ts';
import { NORTH_AMERICA } from '../../../widget/core/phone-typing.ts';

describe('checkPhone', () => {
  it('reads North American numbers in any common format', () => {
    for (const input of ['(647) 455-1234', '647-455-1234', '647.455.1234', '6474551234', '1 647 455 1234', '+1 647 455 1234']) {
      expect(checkPhone(input, 'CA'), input).toEqual({ ok: true, e164: '+16474551234' });
    }
  });

  it('reads national numbers with a trunk prefix in other countries', () => {
    expect(checkPhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
    expect(checkPhone('07700 900123', 'GB')).toEqual({ ok: true, e164: '+447700900123' });
    expect(checkPhone('612 34 56 78', 'ES')).toEqual({ ok: true, e164: '+34612345678' });
  });

  it('takes + as international whatever the country', () => {
    expect(checkPhone('+33 6 12 34 56 78', 'US')).toEqual({ ok: true, e164: '+33612345678' });
  });

  it('says what is wrong', () => {
    expect(checkPhone('647 455', 'US')).toEqual({ ok: false, problem: 'too_short' });
    expect(checkPhone('647 455 12345', 'US')).toEqual({ ok: false, problem: 'too_long' });
    // Letters, other characters and a number of the right length that no text reaches are each told apart.
    expect(checkPhone('647-CALL-NOW', 'US')).toEqual({ ok: false, problem: 'letters' });
    expect(checkPhone('647#455', 'US')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkPhone('1234567890', 'US')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkPhone('1+6474551234', 'US')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkPhone('(047) 455-1234', 'US')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkPhone('+1234567890123456', 'US')).toEqual({ ok: false, problem: 'too_long' });
  });
});

describe('formatPhoneAsTyped', () => {
  it('leaves letters on screen, for the message about them to point at', () => {
    expect(formatPhoneAsTyped('647a', 'US')).toBe('647a');
  });

  it('formats North American numbers progressively', () => {
    expect(formatPhoneAsTyped('6', 'US')).toBe('6');
    expect(formatPhoneAsTyped('647', 'US')).toBe('647');
    expect(formatPhoneAsTyped('6474', 'US')).toBe('(647) 4');
    expect(formatPhoneAsTyped('647455', 'US')).toBe('(647) 455');
    expect(formatPhoneAsTyped('6474551', 'US')).toBe('(647) 455-1');
    expect(formatPhoneAsTyped('16474551234', 'US')).toBe('(647) 455-1234');
  });

  it('lets Backspace remove the parenthesis', () => {
    expect(formatPhoneAsTyped('(647', 'US')).toBe('647');
  });

  it('leaves international and other countries’ numbers as typed', () => {
    expect(formatPhoneAsTyped('+33 6 12', 'US')).toBe('+33 6 12');
    expect(formatPhoneAsTyped('06 12 34', 'FR')).toBe('06 12 34');
  });
});

describe('the main file’s part of the rules', () => {
  it('formats as typed the countries of calling code 1, and those only', () => {
    for (const country of ['US', 'CA', 'PR', 'MX', 'GB', 'IE', 'FR', 'BE', 'CH', 'DE', 'NL', 'ES', 'IT', 'PT', 'AU', 'NZ']) {
      expect(NORTH_AMERICA.includes(country), country).toBe(callingCode(country) === '1');
    }
  });
});

describe('maskPhone', () => {
  it('keeps the last four digits only', () => {
    expect(maskPhone('+1 ••• ••• 4567')).toBe('•••-•••-4567');
    expect(maskPhone('+16474554567')).toBe('•••-•••-4567');
  });
});

describe('checkPhone, country by country', () => {
  it.each([
    ['US', '(647) 455-1234', '+16474551234'],
    ['CA', '1 647 455 1234', '+16474551234'],
    ['PR', '787 555 1234', '+17875551234'],
    ['MX', '55 1234 5678', '+525512345678'],
    ['GB', '07700 900123', '+447700900123'],
    ['IE', '085 123 4567', '+353851234567'],
    ['FR', '06 12 34 56 78', '+33612345678'],
    ['BE', '0470 12 34 56', '+32470123456'],
    ['CH', '079 123 45 67', '+41791234567'],
    ['DE', '01512 3456789', '+4915123456789'],
    ['NL', '06 12345678', '+31612345678'],
    ['ES', '612 34 56 78', '+34612345678'],
    ['IT', '312 345 6789', '+393123456789'],
    ['PT', '912 345 678', '+351912345678'],
    ['AU', '0412 345 678', '+61412345678'],
    ['NZ', '021 123 4567', '+64211234567'],
  ])('%s reads %s as %s', (country, typed, e164) => {
    expect(checkPhone(typed, country)).toEqual({ ok: true, e164 });
    expect(checkPhone(typed, country.toLowerCase())).toEqual({ ok: true, e164 });
    expect(checkPhone(e164, 'US'), 'the same number typed internationally').toEqual({ ok: true, e164 });
  });

  it('drops a trunk prefix only where the country has one, and only when it was typed', () => {
    expect(checkPhone('7700 900123', 'GB')).toEqual({ ok: true, e164: '+447700900123' });
    expect(checkPhone('612 34 56 78', 'FR')).toEqual({ ok: true, e164: '+33612345678' });
    // Where a national number has no trunk prefix, a leading 0 is part of it.
    expect(checkPhone('06 1234 5678', 'IT')).toEqual({ ok: true, e164: '+390612345678' });
    expect(checkPhone('0612 34 56 78', 'ES')).toEqual({ ok: true, e164: '+340612345678' });
  });

  it('takes spaces around the number, as the signer does', () => {
    expect(checkPhone(' +44 7700 900123 ', 'US')).toEqual({ ok: true, e164: '+447700900123' });
    expect(checkPhone('  (647) 455-1234', 'US')).toEqual({ ok: true, e164: '+16474551234' });
  });

  it('bounds an international number at 8 to 15 digits', () => {
    expect(checkPhone('+44 1234', 'US')).toEqual({ ok: false, problem: 'too_short' });
    expect(checkPhone('+44 123 456', 'US')).toEqual({ ok: true, e164: '+44123456' });
    expect(checkPhone('+44 1234 5678 90123', 'US')).toEqual({ ok: true, e164: '+441234567890123' });
    expect(checkPhone('+44 1234 5678 901234', 'US')).toEqual({ ok: false, problem: 'too_long' });
  });

  it('refuses a North American number whose area code or exchange cannot exist, exactly', () => {
    expect(checkPhone('+1 647 455 123', 'US')).toEqual({ ok: false, problem: 'too_short' });
    expect(checkPhone('+1 647 455 12345', 'US')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkPhone('+1 1647 455 1234', 'US')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkPhone('+1 647 155 1234', 'US')).toEqual({ ok: false, problem: 'not_mobile' });
    expect(checkPhone('647 455 123', 'US')).toEqual({ ok: false, problem: 'too_short' });
  });
});

describe('formatPhoneAsTyped, at its edges', () => {
  it('formats for the United States when no country is given', () => {
    expect(formatPhoneAsTyped('6474551234')).toBe('(647) 455-1234');
  });

  it('leaves an international number alone, spaces before its + included', () => {
    expect(formatPhoneAsTyped(' +1 647', 'US')).toBe(' +1 647');
  });

  it('drops a leading 1 only from more than ten digits', () => {
    expect(formatPhoneAsTyped('1647455123', 'US')).toBe('(164) 745-5123');
    expect(formatPhoneAsTyped('16474551234', 'US')).toBe('(647) 455-1234');
    expect(formatPhoneAsTyped('26474551234', 'US')).toBe('26474551234');
    expect(formatPhoneAsTyped('164745512345', 'US')).toBe('164745512345');
  });

  it('masks all but the last four digits', () => {
    expect(maskPhone('+16474551234')).toBe('•••-•••-1234');
  });
});
