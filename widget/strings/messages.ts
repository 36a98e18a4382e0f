/**
 * The words of what happens after the button is pressed: a language's whole set, the signer's errors and
 * per-field issues worded. Part of the on-demand hand-off module (`../on-demand/handoff.ts`), with the
 * English it needs (`en-handoff.ts`); the file every page loads has none of it.
 */
import type { WidgetError } from '../net/error.ts';
import handoffWords from './en-handoff.ts';
import { issueMessage } from './issue-words.ts';
import type { FormStrings, Strings } from './language.ts';
import { waitWords } from './wait.ts';

/**
 * Every word in the language of `strings`: a language file has them all; English's form words get the hand-off's.
 * @example complete(formEnglish).qrTitle // 'Scan with your phone'
 */
export function complete(strings: FormStrings): Strings {
  return 'errors' in strings ? (strings as Strings) : { ...strings, ...handoffWords, phoneProblems: { ...strings.phoneProblems, ...handoffWords.phoneProblems } };
}

/**
 * What to tell the customer about an error: the language's words for its code, else the message it came
 * with (a code the widget has no words for, e.g. one a newer signer added). With a known wait
 * (`Retry-After`) the wait is said in words; when PAVE may have texted, the customer is told to use a text
 * that arrives, and when a retry is safe.
 * @example errorMessage(en, { code: 'rate_limited', message: 'Too many requests' }) // 'Too many attempts. Please wait…'
 */
export function errorMessage(strings: Strings, error: Pick<WidgetError, 'code' | 'message' | 'mayHaveTexted' | 'retryAt' | 'worded'>, now = Date.now()): string {
  if (error.worded) return error.message;
  const messages: Partial<Record<string, string>> = strings.errors;
  const short: Partial<Record<string, string>> = strings.waitFor;
  const wait = (error.retryAt ?? 0) - now;
  const when = wait > 0 ? strings.retryIn(waitWords(wait, strings.lang)) : undefined;
  if (error.mayHaveTexted) return `${strings.maybeTexted} ${when ?? strings.retryNow}`;
  const brief = short[error.code];
  if (when && brief) return `${brief} ${when}`;
  return messages[error.code] ?? error.message;
}

/** The signer's per-field issues, worded in `strings`' language: `path → message`. */
export function fieldMessages(strings: Strings, issues: WidgetError['issues']): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [issue.path, issueMessage(strings.issues, issue, strings.lang)]));
}
