/**
 * Everything the customer needs only once the button is pressed, fetched on demand while the create request
 * is in flight (see `handoff-loader.ts`) or as the form is first focused: the phone's rules (lengths, calling
 * codes; what shows as it is typed is in the main file), the reading of that request's answer, the hand-off and final screens,
 * the session's status tracking, the resend and copy actions, the hand-off's half of the state machine, and the words of all that — English's
 * hand-off words, the signer's errors and issues — so the file every page loads has the form alone.
 *
 * It carries no Lit: the element hands it its own `html` and `nothing` (`handoff({ html, nothing })`), rather
 * than a global registry the main file would fill: one explicit call, no shared mutable state, and the same
 * code for both builds (a chunk of the ES build, `pave-capture.handoff.js` beside the script tag).
 */
import type { ErrorIssue } from '../../contract/schema.ts';
import { nextHandoff } from '../core/handoff-machine.ts';
import { checkPhone } from '../core/phone.ts';
import { keepsKey, retryBlockedUntil } from '../core/retry.ts';
import { readAnswer } from '../net/api.ts';
import type { WidgetError } from '../net/error.ts';
import { readCreated } from '../net/parse.ts';
import type { LitParts } from '../pave-capture/button.ts';
import { wire } from '../pave-capture/handoff-wiring.ts';
import { handoffScreenOf } from '../pave-capture/screen.ts';
import { hintDeveloper } from '../strings/developer-hints.ts';
import type { FormStrings } from '../strings/language.ts';
import { complete, errorMessage, fieldMessages } from '../strings/messages.ts';

/** What the form says of the signer's error and issues, in the customer's words. */
const say = (strings: FormStrings) => ({
  error: (error: WidgetError) => errorMessage(complete(strings), error),
  issues: (issues: ErrorIssue[]) => fieldMessages(complete(strings), issues),
});

/** The create's answer read (the request itself is the element's: it is sent before this module is here). */
const readCreatedAnswer = (response: Response) => readAnswer(response, readCreated);

/** The module's parts, its views made with the element's Lit. */
export const handoff = (lit: LitParts) => ({ screen: handoffScreenOf(lit), wire, next: nextHandoff, readCreated: readCreatedAnswer, complete, say, hintDeveloper, checkPhone, keepsKey, retryBlockedUntil });
