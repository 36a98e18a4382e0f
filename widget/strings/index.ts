/**
 * The widget's words. One file per language; English is the reference shape (`satisfies Strings` makes the
 * compiler list what a translation misses) and the only one in the bundle: the others are fetched when a
 * widget needs them (see `../on-demand/loader.ts`).
 *
 * Adding a language: one file here, one entry in `SUPPORTED` below and in `../on-demand/chunks.ts`, and (for
 * PAVE's capture app to open in it too) one in `LANGUAGES` of contract/schema.ts; the script-tag build makes
 * its file.
 */
import type { Language } from '../../contract/schema.ts';
import type { WidgetError } from '../net/error.ts';
import { onDemand } from '../on-demand/loader.ts';
import en from './en.ts';
import { issueMessage } from './issue-words.ts';
import { waitWords } from './wait.ts';

export type Strings = typeof en;
export { en };

/** Languages with a strings file. contract/schema.ts's `LANGUAGES` (which would bring zod along) must match: a unit test checks. */
export const SUPPORTED: readonly Language[] = ['en', 'fr', 'es'];

/**
 * The supported language for a BCP 47 tag (`fr-CA` → `fr`), falling back to English.
 * @example languageOf('es-MX') // 'es'
 */
export function languageOf(lang: string | undefined): Language {
  const base = (lang ?? '').toLowerCase().split('-')[0] as Language;
  return SUPPORTED.includes(base) ? base : 'en';
}

/** The other languages' words, fetched on demand: each file's default export. */
const words = onDemand((module: { default: Strings }) => module.default);

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

/**
 * The words for a BCP 47 tag: English, or the language's once its file is here. Asking for a language not
 * loaded yet starts loading it, and `onLoaded` runs when it arrives (so the widget can render again); a
 * language that cannot be loaded leaves the widget in English.
 * @example stringsFor('fr-CA', () => element.requestUpdate()).startInspection // 'Start inspection' until fr arrives
 */
export function stringsFor(lang: string | undefined, onLoaded?: () => void): Strings {
  const language = languageOf(lang);
  return (language !== 'en' && words(language, onLoaded)) || en;
}
