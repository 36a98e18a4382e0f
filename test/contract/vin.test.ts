import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVin, normalizeVin, vinCheckDigit } from '../../contract/vin.ts';

describe('VIN', () => {
  it('normalises what people type or paste', () => {
    expect(normalizeVin(' 1hgcm8-2633a 004352 ')).toBe('1HGCM82633A004352');
    expect(normalizeVin('1HG.CM8_2633A004352')).toBe('1HGCM82633A004352');
  });

  it('computes check digits, including X', () => {
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('11111111111111111')).toBe('1');
  });

  it('accepts valid VINs', () => {
    for (const vin of ['1HGCM82633A004352', '1M8GDM9AXKP042788', '5YJ3E1EA2KF317000', '2T1BURHE9JC074364']) {
      expect(checkVin(vin), vin).toEqual({ ok: true });
    }
  });

  it('refuses I, O and Q and other characters', () => {
    expect(checkVin('1HGCM82633A00435O')).toEqual({ ok: false, problem: 'characters' });
    expect(checkVin('IHGCM82633A004352')).toEqual({ ok: false, problem: 'characters' });
    expect(checkVin('1HGCM82633A00435Q')).toEqual({ ok: false, problem: 'characters' });
    expect(checkVin('1HGCM82633A00435*')).toEqual({ ok: false, problem: 'characters' });
  });

  it('refuses the wrong length', () => {
    expect(checkVin('1HGCM82633A00435')).toEqual({ ok: false, problem: 'length' });
    expect(checkVin('1HGCM82633A0043521')).toEqual({ ok: false, problem: 'length' });
    expect(checkVin('')).toEqual({ ok: false, problem: 'length' });
  });

  it('requires the check digit for North American VINs (first character 1–5)', () => {
    expect(checkVin('1HGCM82634A004352')).toEqual({ ok: false, problem: 'check_digit' });
    expect(checkVin('5YJ3E1EA8KF317000')).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('only warns about the check digit elsewhere, unless strict', () => {
    const european = 'WVWZZZ1JZXW000001'; // 9th character is Z: European makers need not use a check digit
    expect(checkVin(european)).toEqual({ ok: true, warning: 'check_digit' });
    expect(checkVin(european, { strict: true })).toEqual({ ok: false, problem: 'check_digit' });
  });

  it('computes the check digit as 49 CFR 565 tabulates it, for any VIN', () => {
    // The standard's transliteration table, written out independently of vin.ts.
    const table: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 };
    const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    const reference = (vin: string) => {
      const sum = [...vin].reduce((total, ch, i) => total + (/\d/.test(ch) ? Number(ch) : table[ch]!) * weights[i]!, 0);
      return sum % 11 === 10 ? 'X' : String(sum % 11);
    };
    const vinChar = fc.constantFrom(...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ');
    fc.assert(fc.property(fc.string({ unit: vinChar, minLength: 17, maxLength: 17 }), (vin) => vinCheckDigit(vin) === reference(vin)));
  });

  it('refuses every character outside the 33 a VIN uses, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ'), minLength: 16, maxLength: 16 }), fc.string({ minLength: 1, maxLength: 1 }), (rest, ch) => {
        const problem = (checkVin(ch + rest) as { problem?: string }).problem;
        return /[0-9A-HJ-NPR-Z]/.test(ch) ? problem !== 'characters' : problem === 'characters';
      }),
    );
  });
});
