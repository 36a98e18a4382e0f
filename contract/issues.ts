/**
 * The codes of the signer's per-field issues: a closed list, each with its parameters typed, so a client
 * words every one in its customer's language. Pure data, no zod: the widget takes these types too.
 * The signer's English `message` stays beside the code as a fallback for a client that does not know it.
 */

/** Each issue code and the parameters an issue with that code carries beside `path`, `code` and `message`. */
export interface IssueParams {
  /** A field the request needs is missing (or empty). */
  required: {};
  /** Longer than the field allows. */
  too_long: { max: number };
  /** Control or format characters in a text field. */
  control_characters: {};
  /** A VIN that is not 17 characters. */
  vin_length: {};
  /** A VIN with a character no VIN uses; `character` is the first one. */
  vin_characters: { character?: string };
  /** A VIN whose check digit (9th character) does not match. */
  vin_check_digit: {};
  /** A phone number with characters other than digits, spaces and + ( ) - . / */
  phone_characters: {};
  /** A phone number with too few or too many digits. */
  phone_length: {};
  /** A number that is not one a text can reach (a landline, an invalid number). */
  not_mobile: {};
  /** A number from a country the site does not text; `countries` are ISO 3166 alpha-2 codes. */
  country_not_allowed: { countries: string[] };
  /** A field the contract does not have. */
  unknown_field: {};
  /** An `Idempotency-Key` already used for a different request. */
  key_reused: {};
  /** Anything else wrong with the value (a bad enum, a bad number): only `message` says what. */
  invalid: {};
}

export type IssueCode = keyof IssueParams;

/** The closed list, in one order: a client's translations are checked against it. */
export const ISSUE_CODES = [
  'required',
  'too_long',
  'control_characters',
  'vin_length',
  'vin_characters',
  'vin_check_digit',
  'phone_characters',
  'phone_length',
  'not_mobile',
  'country_not_allowed',
  'unknown_field',
  'key_reused',
  'invalid',
] as const satisfies readonly IssueCode[];

/** One issue of an error answer: the field, its code and parameters, and the signer's English words. */
export type CodedIssue = { [C in IssueCode]: { path: string; code: C; message: string } & IssueParams[C] }[IssueCode];

/** A code missing from `ISSUE_CODES` is a type error here. */
export const EVERY_ISSUE_CODE_LISTED: Exclude<IssueCode, (typeof ISSUE_CODES)[number]> extends never ? true : never = true;
