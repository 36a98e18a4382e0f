/**
 * The widget's words. One file per language; adding a language is one file and one line here.
 * English is the reference shape.
 */
import en from './en.ts';

export type Strings = typeof en;

const LANGUAGES: Record<string, Strings> = { en };

/**
 * Picks the strings for a BCP 47 tag (`fr-CA` → `fr`), falling back to English.
 * @example stringsFor('fr-CA').startInspection
 */
export function stringsFor(lang: string | undefined): Strings {
  const base = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return LANGUAGES[base] ?? en;
}

/** The language code the strings came from, as the contract's `language` field wants it. */
export function languageOf(lang: string | undefined): string {
  const base = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return base in LANGUAGES ? base : 'en';
}
