/**
 * The widget's words. One file per language; adding a language is one file and one line here (and, for
 * PAVE's capture app to open in it too, one entry in `LANGUAGES` of contract.ts).
 * English is the reference shape: `satisfies Strings` makes the compiler list what a translation misses.
 */
import type { Language } from '../contract.ts';
import en from './en.ts';
import es from './es.ts';
import fr from './fr.ts';

export type Strings = typeof en;

const TABLE: Record<Language, Strings> = { en, fr, es };

/**
 * The supported language for a BCP 47 tag (`fr-CA` → `fr`), falling back to English.
 * @example languageOf('es-MX') // 'es'
 */
export function languageOf(lang: string | undefined): Language {
  const base = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return base in TABLE ? (base as Language) : 'en';
}

/**
 * @example stringsFor('fr-CA').startInspection // 'Commencer l’inspection'
 */
export function stringsFor(lang: string | undefined): Strings {
  return TABLE[languageOf(lang)];
}
