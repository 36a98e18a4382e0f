import { describe, expect, it, vi } from 'vitest';
import { ERROR_CODES } from '../../../contract/errors.ts';
import { LANGUAGES, SESSION_STATUSES } from '../../../contract/schema.ts';
import { loadModule } from '../../../widget/on-demand/chunks.ts';
import { setModuleLoader } from '../../../widget/on-demand/loader.ts';
import { en, errorMessage, formEnglish, languageOf, stringsFor, SUPPORTED, type Strings } from '../../../widget/strings/index.ts';

/** Every leaf of a strings object, as `path → value`, functions called with a sample argument. */
function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'function') return [[path, String(value('•••-•••-4567'))]];
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

/** The words of every language, as the ES module build loads them. */
const wordsOf = async (lang: (typeof LANGUAGES)[number]) => (lang === 'en' ? en : ((await loadModule(lang)) as { default: Strings }).default);

describe('strings', () => {
  it('picks the language from a BCP 47 tag, English otherwise', async () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('ES')).toBe('es');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
    expect((await wordsOf(languageOf('fr'))).startInspection).toBe('Commencer l’inspection');
    expect((await wordsOf(languageOf('es-MX'))).startInspection).toBe('Iniciar inspección');
  });

  it('has a strings file for every language of the contract, and no other, each saying which it is', async () => {
    expect([...SUPPORTED].sort()).toEqual([...LANGUAGES].sort());
    for (const lang of LANGUAGES) expect((await wordsOf(lang)).lang).toBe(lang);
  });

  it.each(LANGUAGES)('%s has every string English has, each non-empty, translated where it should be', async (lang) => {
    const strings = await wordsOf(lang);
    const reference = leaves(en);
    const mine = new Map(leaves(strings));
    for (const [path] of reference) expect(mine.get(path), `${lang}: ${path}`).toBeTruthy();
    if (lang !== 'en') {
      // Most sentences differ from English (a few words such as "VIN" may not).
      const same = reference.filter(([path, text]) => mine.get(path) === text).map(([path]) => path);
      expect(same.length).toBeLessThan(3);
    }
  });

  it('names every PAVE status in every language, and the masked number in the SMS messages', async () => {
    for (const lang of LANGUAGES) {
      const strings = await wordsOf(lang);
      expect(Object.keys(strings.status).sort()).toEqual([...SESSION_STATUSES].sort());
      expect(strings.smsSent('•••-•••-4567')).toContain('•••-•••-4567');
      expect(strings.resent('•••-•••-4567')).toContain('•••-•••-4567');
    }
  });
});

describe('error messages', () => {
  const known = new Set<string>([...ERROR_CODES, 'network_error', 'bad_response']);

  it('words the same error codes in every language, each a code the widget knows', async () => {
    const worded = Object.keys(en.errors).sort();
    expect(worded.filter((code) => !known.has(code))).toEqual([]);
    for (const lang of LANGUAGES) expect(Object.keys((await wordsOf(lang)).errors).sort(), lang).toEqual(worded);
  });

  it('shows the language’s words for a code, else the message the error came with', async () => {
    const fr = await wordsOf('fr');
    expect(errorMessage(fr, { code: 'rate_limited', message: 'Too many requests.' })).toBe(fr.errors.rate_limited);
    // Every contract code is worded now (translations.test.ts): a code from a newer signer shows its message.
    expect(errorMessage(en, { code: 'brand_new_code' as never, message: 'The body is too large.' })).toBe('The body is too large.');
  });
});

describe('stringsFor', () => {
  it('answers English at once, loads the language, and says when it has arrived', async () => {
    setModuleLoader(loadModule);
    const arrived = vi.fn();
    expect(stringsFor('es-MX', arrived)).toBe(formEnglish);
    await vi.waitFor(() => expect(arrived).toHaveBeenCalledOnce());
    expect((stringsFor('es-MX', arrived) as Strings).startInspection).toBe('Iniciar inspección');
    expect(stringsFor('es', arrived).lang).toBe('es');
    expect(stringsFor('de', arrived)).toBe(formEnglish);
    expect(arrived).toHaveBeenCalledOnce();
  });

  it('stays in English, asking no more, when the language cannot be loaded', async () => {
    const loadStrings = vi.fn(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    setModuleLoader(loadStrings);
    const arrived = vi.fn();
    expect(stringsFor('fr', arrived)).toBe(formEnglish);
    await vi.waitFor(() => expect(loadStrings).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stringsFor('fr', arrived)).toBe(formEnglish);
    expect(arrived).toHaveBeenCalledOnce(); // it settled: the widget renders once more, still in English
    expect(loadStrings).toHaveBeenCalledOnce();
  });
});
