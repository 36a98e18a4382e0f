/**
 * The sandbox's answers where PAVE's documentation is silent — every "Decision" of docs/pave-api.md that
 * concerns the emulator, in one place, so each is one edit when PAVE clarifies.
 */
import type { Status } from './store.ts';

export const MESSAGES = {
  /** Bad or missing credentials (undocumented). */
  unauthenticated: 'Unauthenticated.',
  /** Stale, future or malformed `API-Timestamp` (undocumented). */
  staleTimestamp: 'API-Timestamp is outside the allowed window.',
  /** Documented for `GET /v1/sessions/:key`; used for every call on an unknown (or another account's) session. */
  notFound: 'Session KEY cannot be found.',
  /** Laravel's validation message; the `errors` object beside it names the fields. */
  invalid: 'The given data was invalid.',
} as const;

/**
 * `POST /v2/capture/sessions/:key/resend`. PAVE documents: once per session, within 7 days, not after
 * `QC_PASSED`, optional `{"phone"}`, header `API-Access-Token: <api key>`. Decisions:
 * - authentication is that header alone, compared with the account's API key (the v1 HMAC headers are
 *   not required and not checked here); wrong or missing → `401 {"message": "Unauthenticated."}`;
 * - "not after QC_PASSED" means allowed while IDLE, STARTED or PROCESS only (so not at QC_PASSED itself,
 *   and never for EXPIRED or INVALID sessions);
 * - the 7 days run from the session's `created_at`;
 * - a refusal is `400 {"message": …}` (no `errors`); a malformed phone is `400` with `errors.phone`;
 * - success is `200 {"message": "SMS has been resent.", "session_key", "phone"}`;
 * - a new `phone` replaces the session's `sms.to` (the name, sender and business stay).
 */
export const RESEND = {
  authHeader: 'API-Access-Token',
  perSession: 1,
  windowMs: 7 * 24 * 60 * 60 * 1000,
  openStatuses: ['IDLE', 'STARTED', 'PROCESS'] as readonly Status[],
  messages: {
    sent: 'SMS has been resent.',
    alreadyResent: 'The SMS of this session has already been resent.',
    tooOld: 'The SMS can only be resent within 7 days of the session’s creation.',
    closed: 'The SMS cannot be resent once the inspection has passed quality checks.',
    noRecipient: 'This session has no SMS recipient: send a phone number.',
    badPhone: 'The phone must be a valid phone number in E.164 format.',
  },
} as const;

/**
 * The stand-in capture page (routes/capture.ts). PAVE documents `redirect_url` as "where the user goes after
 * finishing" (and the LITE theme as "sends the user to redirect_url"). Decisions:
 * - the step that reaches COMPLETE answers `303` to the session's `redirect_url`, whatever the theme, as given:
 *   PAVE documents no parameters added to it;
 * - without a `redirect_url`, and when a finished link is opened again, the page says the inspection is
 *   complete (with a link to `redirect_url` when there is one) — it does not redirect on a plain visit;
 * - EXPIRED and INVALID sessions show a page that says so, with no step to take.
 */
export const CAPTURE = {
  /** The button of each step, by the status it leaves. */
  steps: {
    IDLE: 'Start the inspection',
    STARTED: 'Take the photos',
    PROCESS: 'Pass the quality check',
    QC_PASSED: 'Confirm the details',
    CONFIRM: 'Finish the inspection',
  } as Partial<Record<Status, string>>,
  messages: {
    complete: 'Inspection complete. Thank you!',
    back: 'Back to the dealer',
    EXPIRED: 'This inspection link has expired.',
    INVALID: 'This inspection is no longer valid.',
  },
} as const;
