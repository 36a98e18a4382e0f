/**
 * VIN normalisation and validation (ISO 3779 / 49 CFR 565), shared by the widget and the signer.
 * Pure: no DOM, no Lit, no Node.
 */

/** Why a VIN is refused. */
export type VinProblem = 'length' | 'characters' | 'check_digit';

export type VinCheck =
  | { ok: true; /** Set when the check digit is wrong on a VIN where it is not mandatory. */ warning?: 'check_digit' }
  | { ok: false; problem: VinProblem };

/** Letters I, O and Q are never used in a VIN (they look like 1 and 0). */
const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;
const FORBIDDEN = /[IOQ]/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const LETTER_VALUES = 'A1B2C3D4E5F6G7H8J1K2L3M4N5P7R9S2T3U4V5W6X7Y8Z9';

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
  for (let i = 0; i < 17; i++) {
    const ch = vin.charAt(i);
    const digit = ch >= '0' && ch <= '9' ? Number(ch) : Number(LETTER_VALUES.charAt(LETTER_VALUES.indexOf(ch) + 1));
    sum += digit * WEIGHTS[i]!;
  }
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
  if (FORBIDDEN.test(vin) || /[^A-Z0-9]/.test(vin)) return { ok: false, problem: 'characters' };
  if (!VIN_PATTERN.test(vin)) return { ok: false, problem: 'length' };
  if (vinCheckDigit(vin) === vin.charAt(8)) return { ok: true };
  if (options.strict || vinCheckDigitRequired(vin)) return { ok: false, problem: 'check_digit' };
  return { ok: true, warning: 'check_digit' };
}
