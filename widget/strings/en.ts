/**
 * English, the words the form needs before anything is sent. What shows only once the button is pressed
 * is in `en-handoff.ts`, fetched on demand with the hand-off screens; every other language implements both
 * (`Strings`, see index.ts).
 */

export default {
  /** The language these words are in (`lang` of what the widget shows). */
  lang: 'en',
  /** The form's accessible name. */
  formLabel: 'Start a vehicle inspection',
  intro: 'Photograph your vehicle with your phone in about ten minutes.',
  vinLabel: 'VIN',
  vinOptional: '(optional)',
  vinHint: '17 characters, on the windshield or the driver’s door frame.',
  phoneLabel: 'Mobile phone',
  phoneHint: 'We text the inspection link to this number.',
  continueHere: 'Continue',
  continueOnPhone: 'Continue on my phone',
  sendSms: 'Text me the link',
  textInstead: 'Text it to me instead',
  qrInstead: 'Show a QR code instead',
  sending: 'Creating your inspection…',
  /** The hand-off when the QR encoder (or the hand-off screens' file) could not be had: the link is the way. */
  linkTitle: 'Open this link on your phone',
  startOver: 'Start over',
  vinWarning: 'The VIN’s check digit does not match. Please double-check it.',
  vinProblems: {
    length: 'A VIN has exactly 17 characters.',
    /** `c` is the first character no VIN uses. */
    characters: (c: string) => `“${c}” cannot be in a VIN: it uses letters and digits only, never I, O or Q.`,
    check_digit: 'This VIN’s 9th character does not match the rest: please check for a typo.',
  },
  vinRequired: 'Please enter the VIN.',
  /** What shows as a number is typed; the problems the phone's rules find are worded with them, in `en-handoff.ts`. */
  phoneProblems: {
    invalid: 'Use digits, spaces, + ( ) and - only.',
    letters: 'A phone number has no letters: type digits only.',
  },
  phoneRequired: 'Please enter your mobile number to receive the link.',
  /** The bot check (Cloudflare Turnstile) could not run or did not pass, before anything was sent. */
  botCheckFailed: 'We could not check that you are not a robot. Check your connection and try again.',
};
