/**
 * What went wrong, as the widget reports it: the signer's error envelope, or one of the two failures only
 * the browser sees. The state machine holds it, `pave-error` carries its code and message.
 */
import type { ErrorCode } from '../../contract/errors.ts';
import type { ErrorIssue } from '../../contract/schema.ts';

/** Error codes the widget adds to the signer's: the signer could not be reached, or answered nonsense. */
export type WidgetErrorCode = ErrorCode | 'network_error' | 'bad_response';

/** A failed request (or bot check): its code, the message to show when the widget has no words of its own, the signer's per-field issues. */
export interface WidgetError {
  code: WidgetErrorCode;
  message: string;
  issues: ErrorIssue[];
  /** The signer says PAVE may have texted: a retry may text again (`may_have_texted`). */
  mayHaveTexted?: boolean;
  /** When a retry stops being refused the same way (epoch ms, from `Retry-After`). */
  retryAt?: number;
  /** `message` is already in the customer's language (a failure the browser saw itself): shown as it is. */
  worded?: boolean;
}
