/**
 * English words shown only after the button is pressed — the hand-off and final screens, progress, resend,
 * the signer's errors and issues — part of the on-demand hand-off module (`../on-demand/handoff.ts`), not the
 * file every page loads. With `en.ts` they are the reference every other language implements.
 */
import type { WidgetErrorCode } from '../net/error.ts';
import type { IssueWords } from './issue-words.ts';

export default {
  /** The problems the phone's rules find (they come with this module); `complete` joins them to the form's. */
  phoneProblems: {
    too_short: 'This number is too short: include the area code.',
    too_long: 'This number is too long.',
    not_mobile: 'This is not a number we can text: check the area code.',
  },
  readyTitle: 'Your inspection is ready',
  readyIntro: 'Tap the button to start photographing your vehicle.',
  startInspection: 'Start inspection',
  qrTitle: 'Scan with your phone',
  qrIntro: 'Point your phone’s camera at this code to open your inspection.',
  qrLabel: 'QR code of your inspection link',
  linkIntro: 'Copy the link and open it on your phone, or send it to yourself.',
  linkLabel: 'Or open this link on your phone:',
  copyLink: 'Copy link',
  copied: 'Link copied.',
  copyFailed: 'Could not copy: select the link and copy it.',
  smsSent: (to: string) => `We texted a link to ${to}.`,
  smsIntro: 'Open the text on your phone to start. It can take a minute to arrive.',
  changeNumber: 'Change number',
  resend: 'Resend text',
  resent: (to: string) => `We texted the link again to ${to}.`,
  /** The final screens: their titles (the words under them are `status`'s). */
  completeTitle: 'Thank you!',
  expiredTitle: 'This link has expired',
  invalidTitle: 'This inspection can no longer be used',
  getNewLink: 'Get a new link',
  /** The step indicator's name, and its words ("Step 2 of 5"). */
  progressLabel: 'Inspection progress',
  step: (n: number, of: number) => `Step ${n} of ${of}`,
  statusUnavailable: 'We cannot check the inspection’s progress right now.',
  /** A create that timed out or failed after PAVE may have texted. */
  maybeTexted: 'If a text arrives, use it.',
  /** `when` is a relative time in the widget's language ("in 2 minutes"). */
  retryIn: (when: string) => `You can try again ${when}.`,
  retryNow: 'Otherwise you can try again now.',
  /** The short form of an error whose wait is known: the wait follows it. */
  waitFor: {
    rate_limited: 'Too many attempts.',
    busy: 'Many inspections are being started right now.',
  },
  status: {
    IDLE: 'Waiting for the link to be opened.',
    STARTED: 'Inspection started.',
    PROCESS: 'Photos received.',
    QC_PASSED: 'Photos checked.',
    CONFIRM: 'Almost done.',
    COMPLETE: 'Inspection complete. Thank you!',
    EXPIRED: 'Inspection links last a few days. Get a new one to inspect your vehicle.',
    INVALID: 'Get a new link to inspect your vehicle.',
  },
  /**
   * Messages per error code; a code without one shows the signer's own message. Every language words the
   * same codes (a missing one is a type error); a code here that the widget does not know is one too.
   */
  /** The signer's per-field issues by code (`contract/issues.ts`); `countries` comes named in this language. */
  issues: {
    required: 'This field is needed.',
    too_long: (p: { max: number }) => `At most ${p.max} characters.`,
    control_characters: 'Remove the special characters from this field.',
    vin_length: 'A VIN has exactly 17 characters.',
    vin_characters: (p: { character?: string }) =>
      p.character ? `“${p.character}” cannot be in a VIN: it uses letters and digits only, never I, O or Q.` : 'A VIN uses letters and digits only, never I, O or Q.',
    vin_check_digit: 'This VIN’s 9th character does not match the rest: please check for a typo.',
    phone_characters: 'Use digits, spaces, + ( ) and - only.',
    phone_length: 'Enter a full phone number, with area code.',
    not_mobile: 'This number cannot receive texts: enter a mobile number.',
    country_not_allowed: (p: { countries: string }) => `We can only text numbers in ${p.countries}.`,
    unknown_field: 'This field is not expected.',
    key_reused: 'This request was already sent with other details: please try again.',
    invalid: 'Please check this field.',
  } satisfies IssueWords,
  /** Messages per error code: every code of the contract, and the widget's own two (a test checks each language). */
  errors: {
    invalid_request: 'Please correct the highlighted fields.',
    invalid_json: 'The inspection service is not available right now.',
    unauthorized: 'The inspection service is not available right now.',
    origin_not_allowed: 'Inspections cannot be started from this page. Please contact the dealer.',
    bot_check_failed: 'Please complete the check that you are not a robot, then try again.',
    unknown_site: 'The inspection service is not available right now.',
    unknown_session: 'This inspection is no longer known. Start over to get a new one.',
    payload_too_large: 'The inspection service is not available right now.',
    unsupported_media_type: 'The inspection service is not available right now.',
    resend_not_allowed: 'This link cannot be texted again. Start over to get a new one.',
    rate_limited: 'Too many attempts. Please wait a moment and try again.',
    upstream_error: 'The inspection service is not available right now. Please try again later.',
    upstream_rejected: 'The inspection service refused these details. Please check them and try again.',
    upstream_timeout: 'The inspection service is slow to answer. Please try again in a minute.',
    busy: 'Many inspections are being started right now. Please try again in a few seconds.',
    not_found: 'The inspection service is not available right now.',
    internal_error: 'The inspection service is not available right now.',
    network_error: 'We could not reach the inspection service. Check your connection and try again.',
    bad_response: 'The inspection service is not available right now.',
  } satisfies Record<WidgetErrorCode, string>,
};
