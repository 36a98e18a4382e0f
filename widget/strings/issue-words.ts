/**
 * The signer's per-field issues in the customer's language: each code of `contract/issues.ts` worded by
 * every strings file, its parameters filled in (countries named with `Intl.DisplayNames` in that language).
 * A code the widget does not know (a newer signer) shows the signer's English message.
 */
import type { IssueCode } from '../../contract/issues.ts';
import type { ErrorIssue } from '../../contract/schema.ts';

/** What each code's words take: the contract's parameters, `countries` already named and listed. */
interface WordParams {
  too_long: { max: number };
  vin_characters: { character?: string };
  country_not_allowed: { countries: string };
}

/** A strings file's `issues`: a sentence per code, or a function of the code's parameters. */
export type IssueWords = { [C in IssueCode]: C extends keyof WordParams ? (params: WordParams[C]) => string : string };

/**
 * "Canada or the United States" for `['CA', 'US']` in English; the codes themselves where the browser has no names.
 * @example countryList(['US', 'CA'], 'fr') // 'Canada ou États-Unis' (sorted as the language sorts)
 */
export function countryList(codes: readonly string[], lang: string): string {
  try {
    const names = new Intl.DisplayNames([lang], { type: 'region' });
    const named = codes.map((code) => names.of(code) ?? code).sort((a, b) => a.localeCompare(b, lang));
    return new Intl.ListFormat([lang], { type: 'disjunction' }).format(named);
  } catch {
    return codes.join(', ');
  }
}

/** One issue's words in `lang`; the signer's message for a code `words` lacks. */
export function issueMessage(words: IssueWords, issue: ErrorIssue, lang: string): string {
  // `invalid` says no more than its message does: in English that message is the better word.
  if (issue.code === 'invalid' && lang === 'en') return issue.message;
  const word = (words as Partial<Record<string, unknown>>)[issue.code];
  if (typeof word === 'string') return word;
  if (typeof word !== 'function') return issue.message;
  if (issue.code === 'country_not_allowed') return (word as IssueWords['country_not_allowed'])({ countries: countryList(issue.countries ?? [], lang) });
  if (issue.code === 'too_long' && typeof issue.max === 'number') return (word as IssueWords['too_long'])({ max: issue.max });
  if (issue.code === 'vin_characters') return (word as IssueWords['vin_characters'])(issue.character ? { character: issue.character } : {});
  return issue.message;
}
