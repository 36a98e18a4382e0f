/**
 * The widget's words, all of them: one file per language; English is the reference shape, in two files —
 * `en.ts` (the form, in the file every page loads) and `en-handoff.ts` (what shows once the button is
 * pressed, fetched on demand with the hand-off screens) — and `satisfies Strings` makes the compiler list
 * what a translation misses. The other languages are fetched whole when a widget needs them (see
 * `../on-demand/loader.ts`). The element imports `language.ts` and the hand-off module `messages.ts`;
 * this file gathers both (and all of English) for the tests and the translations.
 *
 * Adding a language: one file here, one entry in `SUPPORTED` (language.ts) and in `../on-demand/chunks.ts`, and
 * (for PAVE's capture app to open in it too) one in `LANGUAGES` of contract/schema.ts; the script-tag build
 * makes its file.
 */
import form from './en.ts';
import type { Strings } from './language.ts';
import { complete } from './messages.ts';

export { formEnglish, languageOf, stringsFor, SUPPORTED, type FormStrings, type Strings } from './language.ts';
export { complete, errorMessage, fieldMessages } from './messages.ts';

/** All of English: the form's words and the hand-off's (the phone's problems from both). */
export const en: Strings = complete(form);
