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
