/**
 * Every code the signer can answer with — the contract's ISSUE_CODES and ERROR_CODES, read from contract/,
 * not listed here — is worded in every language, and the parameters end up in the words.
 */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../contract/errors.ts';
import { ISSUE_CODES } from '../../../contract/issues.ts';
import { LANGUAGES, type ErrorIssue } from '../../../contract/schema.ts';
import { loadModule } from '../../../widget/on-demand/chunks.ts';
import { en, errorMessage, fieldMessages, type Strings } from '../../../widget/strings/index.ts';
import { countryList } from '../../../widget/strings/issue-words.ts';
import { waitWords } from '../../../widget/strings/wait.ts';

const wordsOf = async (lang: (typeof LANGUAGES)[number]) => (lang === 'en' ? en : ((await loadModule(lang)) as { default: Strings }).default);
const issue = (code: string, extra: object = {}) => ({ path: 'phone', code, message: `signer: ${code}`, ...extra }) as ErrorIssue;

describe.each(LANGUAGES)('%s', (lang) => {
  it.each(ISSUE_CODES)('words the issue code %s', async (code) => {
    const strings = await wordsOf(lang);
    expect(Object.keys(strings.issues)).toContain(code);
    const words = fieldMessages(strings, [issue(code, { max: 80, countries: ['US'], character: 'Q' })]).phone;
    expect(words).toBeTruthy();
    // `invalid` carries nothing but its message: English shows the signer's own, more precise, words.
    if (code === 'invalid' && lang === 'en') expect(words).toBe('signer: invalid');
    else expect(words).not.toBe(`signer: ${code}`);
  });

  it.each([...ERROR_CODES, 'network_error', 'bad_response'])('words the error code %s', async (code) => {
    const strings = await wordsOf(lang);
    const words = (strings.errors as Record<string, string>)[code];
    expect(words).toBeTruthy();
    expect(errorMessage(strings, { code: code as never, message: 'signer words' })).toBe(words);
  });
});

describe('issue parameters', () => {
  it('names the countries in the widget’s language, not as codes', async () => {
    const fr = await wordsOf('fr');
    const words = fieldMessages(fr, [issue('country_not_allowed', { countries: ['US', 'CA'] })]).phone!;
    expect(words).toContain('Canada');
    expect(words).toContain('États-Unis');
    expect(words).not.toMatch(/\bCA\b/);
    expect(countryList(['US', 'CA'], 'en')).toBe('Canada or United States');
  });

  it('fills in the limit and the bad character, and falls back to the signer’s English for an unknown code', () => {
    expect(fieldMessages(en, [issue('too_long', { max: 80 })]).phone).toBe('At most 80 characters.');
    expect(fieldMessages(en, [issue('vin_characters', { character: 'O' })]).phone).toContain('“O”');
    expect(fieldMessages(en, [issue('brand_new_code')]).phone).toBe('signer: brand_new_code');
  });
});

describe('waits', () => {
  it('says a wait in words of the language, rounded as people say it', () => {
    expect(waitWords(3598_000, 'en')).toBe('in 1 hour');
    expect(waitWords(120_000, 'en')).toBe('in 2 minutes');
    expect(waitWords(61_000, 'en')).toBe('in 2 minutes');
    expect(waitWords(5_000, 'fr')).toBe('dans 5 secondes');
    expect(waitWords(7200_000, 'es')).toBe('dentro de 2 horas');
  });

  it('puts the wait in a rate_limited message, and the text-may-have-arrived advice first', () => {
    const now = 1_000_000;
    expect(errorMessage(en, { code: 'rate_limited', message: '', retryAt: now + 3598_000 }, now)).toBe('Too many attempts. You can try again in 1 hour.');
    expect(errorMessage(en, { code: 'upstream_timeout', message: '', mayHaveTexted: true, retryAt: now + 120_000 }, now)).toBe(
      'If a text arrives, use it. You can try again in 2 minutes.',
    );
    expect(errorMessage(en, { code: 'upstream_timeout', message: '', mayHaveTexted: true, retryAt: now - 1 }, now)).toBe(
      'If a text arrives, use it. Otherwise you can try again now.',
    );
  });
});
