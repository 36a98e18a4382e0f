/**
 * The widget's words. One file per language; English is the reference shape (`satisfies Strings` makes the
 * compiler list what a translation misses) and the only one in the bundle: the others are loaded when a
 * widget needs them, by the loader the entry file installs — a dynamic `import()` in the ES module build
 * (`modules.ts`), a file beside the script in the script-tag build (`../beside-script.ts`).
 *
 * Adding a language: one file here, one line in `modules.ts`, and (for PAVE's capture app to open in it
 * too) one entry in `LANGUAGES` of contract.ts; the script-tag build finds the file by itself.
 */
import type { Language } from '../contract.ts';
import { lazy } from '../lazy.ts';
import en from './en.ts';

export type Strings = typeof en;
export { en };

/** Languages with a strings file. contract.ts's `LANGUAGES` (which would bring zod along) must match: a unit test checks. */
export const SUPPORTED: readonly Language[] = ['en', 'fr', 'es'];

/** Fetches the words of a language other than English. */
export type LoadStrings = (lang: Language) => Promise<Strings>;

/**
 * The supported language for a BCP 47 tag (`fr-CA` → `fr`), falling back to English.
 * @example languageOf('es-MX') // 'es'
 */
export function languageOf(lang: string | undefined): Language {
  const base = (lang ?? '').toLowerCase().split('-')[0] as Language;
  return SUPPORTED.includes(base) ? base : 'en';
}

let words = lazy<Language, Strings>(() => Promise.reject(new Error('no strings loader')));

/** Says where languages other than English come from; each entry file calls it once (index.ts, script-tag.ts). */
export function setStringsLoader(loadStrings: LoadStrings): void {
  words = lazy(loadStrings);
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
