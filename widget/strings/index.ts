/**
 * The widget's words. One file per language; English is the reference shape (`satisfies Strings` makes the
 * compiler list what a translation misses) and the only one in the bundle: the others are loaded when a
 * widget needs them, by the loader the entry file installs — a dynamic `import()` in the ES module build
 * (`modules.ts`), a file beside the script in the script-tag build (`beside-script.ts`).
 *
 * Adding a language: one file here, one line in `modules.ts`, and (for PAVE's capture app to open in it
 * too) one entry in `LANGUAGES` of contract.ts; the script-tag build finds the file by itself.
 */
import type { Language } from '../contract.ts';
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

export interface Catalog {
  /** The words of `lang` when they are here: English always, another language once loaded. */
  get(lang: Language): Strings | undefined;
  /**
   * Loads `lang` once per page and resolves with its words, or with `undefined` when they cannot be had
   * (the widget then stays in English; a failed load is not retried, so a broken file is not asked for
   * on every render).
   */
  load(lang: Language): Promise<Strings | undefined>;
}

/**
 * @example
 * const catalog = createCatalog((lang) => import(`./${lang}.ts`).then((m) => m.default));
 * catalog.get('fr') ?? (await catalog.load('fr'))
 */
export function createCatalog(loadStrings: LoadStrings): Catalog {
  const loaded: Partial<Record<Language, Strings>> = { en };
  const loading: Partial<Record<Language, Promise<Strings | undefined>>> = {};
  return {
    get: (lang) => loaded[lang],
    load: (lang) =>
      (loading[lang] ??= loaded[lang]
        ? Promise.resolve(loaded[lang])
        : loadStrings(lang).then(
            (words) => (loaded[lang] = words),
            () => undefined,
          )),
  };
}

let catalog = createCatalog(() => Promise.reject(Error('no strings loader')));

/**
 * Says where languages other than English come from; the entry file calls it once, before it defines the
 * element (as `@lit/localize`'s `configureLocalization`). Until then, and without it, the widget is English.
 */
export function setStringsLoader(loadStrings: LoadStrings): void {
  catalog = createCatalog(loadStrings);
}

/**
 * The words for a BCP 47 tag: English, or the language's once its file is here. Asking for a language not
 * loaded yet starts loading it, and `onLoaded` runs when it arrives (so the widget can render again).
 * @example stringsFor('fr-CA', () => element.requestUpdate()).startInspection // 'Start inspection' until fr arrives
 */
export function stringsFor(lang: string | undefined, onLoaded?: () => void): Strings {
  const language = languageOf(lang);
  const words = catalog.get(language);
  if (!words) void catalog.load(language).then((loaded) => loaded && onLoaded?.());
  return words ?? en;
}
