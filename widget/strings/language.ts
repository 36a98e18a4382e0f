/**
 * The part of the words every page loads: which language a widget speaks, and the words of the form in it —
 * English (`en.ts`) until the language's file is here. Words shown only after the button is pressed come
 * with the hand-off module (`messages.ts`, `en-handoff.ts`, fetched on demand).
 */
import type { Language } from '../../contract/schema.ts';
import { onDemand } from '../on-demand/loader.ts';
import en from './en.ts';
import type handoffWords from './en-handoff.ts';

/** The words the form needs (what every page loads in English). */
export type FormStrings = typeof en;
/** Every word of a language: the form's and the hand-off's. French and Spanish files carry all of them. */
export type Strings = FormStrings & typeof handoffWords;

export { en as formEnglish };

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
 * The words for a BCP 47 tag: English's form words, or all the language's once its file is here. Asking for a
 * language not loaded yet starts loading it, and `onLoaded` runs when it arrives (so the widget can render
 * again); a language that cannot be loaded leaves the widget in English.
 * @example stringsFor('fr-CA', () => element.requestUpdate()).intro // English until fr arrives
 */
export function stringsFor(lang: string | undefined, onLoaded?: () => void): FormStrings {
  const language = languageOf(lang);
  return (language !== 'en' && words(language, onLoaded)) || en;
}
