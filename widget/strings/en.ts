/** English — the reference: every other language implements the same `Strings` (see index.ts). */
import type { WidgetErrorCode } from '../net/error.ts';

export default {
  /** The language these words are in (`lang` of what the widget shows). */
  lang: 'en',
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
  readyTitle: 'Your inspection is ready',
  readyIntro: 'Tap the button to start photographing your vehicle.',
  startInspection: 'Start inspection',
  qrTitle: 'Scan with your phone',
  qrIntro: 'Point your phone’s camera at this code to open your inspection.',
  qrLabel: 'QR code of your inspection link',
  linkLabel: 'Or open this link on your phone:',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy: select the link and copy it.',
  smsSent: (to: string) => `We texted a link to ${to}.`,
  smsIntro: 'Open the text on your phone to start. It can take a minute to arrive.',
  changeNumber: 'Change number',
  resend: 'Resend text',
  resent: (to: string) => `We texted the link again to ${to}.`,
  startOver: 'Start over',
  status: {
    IDLE: 'Waiting for the link to be opened.',
    STARTED: 'Inspection started.',
    PROCESS: 'Photos received.',
    QC_PASSED: 'Photos checked.',
    CONFIRM: 'Almost done.',
    COMPLETE: 'Inspection complete. Thank you!',
    EXPIRED: 'This link has expired. Start over to get a new one.',
    INVALID: 'This inspection can no longer be used. Start over to get a new one.',
  },
  vinWarning: 'The VIN’s check digit does not match. Please double-check it.',
  vinProblems: {
    length: 'A VIN has exactly 17 characters.',
    characters: 'A VIN uses letters and digits only, never I, O or Q.',
    check_digit: 'This VIN’s 9th character does not match the rest: please check for a typo.',
  },
  vinRequired: 'Please enter the VIN.',
  phoneProblems: {
    too_short: 'This number is too short: include the area code.',
    too_long: 'This number is too long.',
    invalid: 'Use digits, spaces, + ( ) and - only.',
  },
  phoneRequired: 'Please enter your mobile number to receive the link.',
  /** The bot check (Cloudflare Turnstile) could not run or did not pass, before anything was sent. */
  botCheckFailed: 'We could not check that you are not a robot. Check your connection and try again.',
  /**
   * Messages per error code; a code without one shows the signer's own message. Every language words the
   * same codes (a missing one is a type error); a code here that the widget does not know is one too.
   */
  errors: {
    invalid_request: 'Please correct the highlighted fields.',
    network_error: 'We could not reach the inspection service. Check your connection and try again.',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    upstream_timeout: 'The inspection service is slow to answer. Please try again in a minute.',
    upstream_error: 'The inspection service is unavailable right now. Please try again later.',
    resend_not_allowed: 'This link cannot be texted again. Start over to get a new one.',
    origin_not_allowed: 'Inspections cannot be started from this page. Please contact the dealer.',
  } satisfies Partial<Record<WidgetErrorCode, string>>,
};
