import { describe, expect, it } from 'vitest';
import { LANGUAGES, SESSION_STATUSES } from '../../widget/contract.ts';
import en from '../../widget/strings/en.ts';
import { languageOf, stringsFor } from '../../widget/strings/index.ts';

/** Every leaf of a strings object, as `path → value`, functions called with a sample argument. */
function leaves(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'function') return [[path, String(value('•••-•••-4567'))]];
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('strings', () => {
  it('picks the language from a BCP 47 tag, English otherwise', () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('ES')).toBe('es');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
    expect(stringsFor('fr').startInspection).toBe('Commencer l’inspection');
    expect(stringsFor('es-MX').startInspection).toBe('Iniciar inspección');
  });

  it.each(LANGUAGES)('%s has every string English has, each non-empty, translated where it should be', (lang) => {
    const strings = stringsFor(lang);
    const reference = leaves(en);
    const mine = new Map(leaves(strings));
    for (const [path] of reference) expect(mine.get(path), `${lang}: ${path}`).toBeTruthy();
    if (lang !== 'en') {
      // Most sentences differ from English (a few words such as "VIN" may not).
      const same = reference.filter(([path, text]) => mine.get(path) === text).map(([path]) => path);
      expect(same.length).toBeLessThan(3);
    }
  });

  it('names every PAVE status in every language, and the masked number in the SMS messages', () => {
    for (const lang of LANGUAGES) {
      const strings = stringsFor(lang);
      expect(Object.keys(strings.status).sort()).toEqual([...SESSION_STATUSES].sort());
      expect(strings.smsSent('•••-•••-4567')).toContain('•••-•••-4567');
      expect(strings.resent('•••-•••-4567')).toContain('•••-•••-4567');
    }
  });
});
