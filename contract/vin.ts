/**
 * VIN normalisation and validation (ISO 3779 / 49 CFR 565), shared by the widget and the signer, with the
 * one English wording of each problem (the widget words them in its own languages).
 * Pure: no DOM, no Lit, no Node.
 */

/** Why a VIN is refused. */
export type VinProblem = 'length' | 'characters' | 'check_digit';

export type VinCheck =
  | { ok: true; /** Set when the check digit is wrong on a VIN where it is not mandatory. */ warning?: 'check_digit' }
  | { ok: false; problem: VinProblem };

/** The English wording of each VIN problem: the schema's and the signer's per-site strict check. */
export const VIN_MESSAGES = {
  length: 'A VIN has exactly 17 characters.',
  characters: 'A VIN uses letters and digits only, never I, O or Q.',
  check_digit: 'This VIN’s check digit (9th character) does not match: please check for a typo.',
} as const satisfies Record<VinProblem, string>;

/** Anything but the 33 characters a VIN may use: digits and letters, never I, O or Q (they look like 1 and 0). */
const NOT_VIN = /[^0-9A-HJ-NPR-Z]/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
/** A character's value in the check-digit sum is its index here modulo 10 (digits as themselves, A–H 1–8, J–R 1–9, S–Z 2–9). */
const VALUES = '0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ';

/** The first character of `vin` that no VIN uses (what a message names), else `undefined`. */
export function badVinCharacter(vin: string): string | undefined {
  return NOT_VIN.exec(vin)?.[0];
}

/**
 * Upper-cases and strips the separators people type or paste (spaces, dashes, dots).
 * @example normalizeVin(' 1hgcm8-2633a 004352 ') // '1HGCM82633A004352'
 */
export function normalizeVin(input: string): string {
  return input.toUpperCase().replace(/[\s.\-_]/g, '');
}

/** The check digit (position 9) the other sixteen characters call for: '0'–'9' or 'X'. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VALUES.indexOf(vin.charAt(i)) % 10) * WEIGHTS[i]!;
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * The check digit is mandatory for vehicles built for North America (first character 1–5),
 * which is what US and Canadian dealers see; elsewhere a mismatch is only a warning unless `strict`.
 */
export function vinCheckDigitRequired(vin: string): boolean {
  return /^[1-5]/.test(vin);
}

/**
 * Validates an already-normalised VIN.
 * @example checkVin('1HGCM82633A004352') // { ok: true }
 */
export function checkVin(vin: string, options: { strict?: boolean } = {}): VinCheck {
  if (NOT_VIN.test(vin)) return { ok: false, problem: 'characters' };
  if (vin.length !== 17) return { ok: false, problem: 'length' };
  if (vinCheckDigit(vin) === vin.charAt(8)) return { ok: true };
  if (options.strict || vinCheckDigitRequired(vin)) return { ok: false, problem: 'check_digit' };
  return { ok: true, warning: 'check_digit' };
}
