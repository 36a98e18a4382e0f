/**
 * Every field of a create, at its edges: the exact bounds the contract documents (a bound moved by one, or a
 * rule dropped, fails here), with the message the customer is shown. Field by field, so a mutant in one
 * check cannot hide behind another field's refusal.
 */
import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, IdempotencyKey, Metadata, Phone, SiteId, toIssues, VehicleYear } from '../../contract/schema.ts';

const issuesOf = (body: Record<string, unknown>) => {
  const result = CreateSessionRequest.safeParse({ delivery: 'link', ...body });
  // The wording per field; each issue's code and parameters are checked in schema.test.ts.
  return result.success ? [] : toIssues(result.error.issues).map(({ path, message }) => ({ path, message }));
};
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u202e', '\u2028', '\u2029', '\ufeff'];

describe('year', () => {
  it('takes whole years from 1900 to 2100', () => {
    for (const year of [1900, 1999, 2026, 2100]) expect(CreateSessionRequest.parse({ delivery: 'link', year })).toEqual({ delivery: 'link', year });
  });

  it('refuses a year outside 1900–2100, fractional, or not a number', () => {
    expect(issuesOf({ year: 1899 })).toEqual([{ path: 'year', message: 'The year must be 1900 or later.' }]);
    expect(issuesOf({ year: 2101 })).toEqual([{ path: 'year', message: 'The year must be 2100 or earlier.' }]);
    expect(issuesOf({ year: 99_999 })).toEqual([{ path: 'year', message: 'The year must be 2100 or earlier.' }]);
    expect(issuesOf({ year: 2020.5 })).toEqual([{ path: 'year', message: 'The year must be a whole number.' }]);
    expect(issuesOf({ year: '2020' })).toEqual([{ path: 'year', message: 'The year must be a whole number.' }]);
    expect(VehicleYear.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });
});

describe.each(['make', 'model'] as const)('%s', (field) => {
  it('is trimmed and kept up to 60 characters', () => {
    expect(CreateSessionRequest.parse({ delivery: 'link', [field]: '  Honda  ' })).toEqual({ delivery: 'link', [field]: 'Honda' });
    expect(issuesOf({ [field]: 'x'.repeat(60) })).toEqual([]);
    // Trimmed before it is measured: spaces around 60 characters are fine.
    expect(issuesOf({ [field]: ` ${'x'.repeat(60)} ` })).toEqual([]);
    expect(issuesOf({ [field]: 'Škoda Octavia 日本 Ελληνικά' })).toEqual([]);
  });

  it('refuses 61 characters', () => {
    expect(issuesOf({ [field]: 'x'.repeat(61) })).toEqual([{ path: field, message: 'At most 60 characters.' }]);
  });

  it('refuses every control and format character, anywhere', () => {
    for (const char of CONTROL) {
      expect(issuesOf({ [field]: `Hon${char}da` }), JSON.stringify(char)).toEqual([{ path: field, message: 'Control characters are not allowed.' }]);
    }
  });

  it('refuses what is not a string', () => {
    expect(issuesOf({ [field]: 42 }).map((issue) => issue.path)).toEqual([field]);
  });
});

describe('name', () => {
  it('keeps 80 characters and refuses 81, after trimming', () => {
    expect(issuesOf({ name: 'n'.repeat(80) })).toEqual([]);
    expect(issuesOf({ name: `  ${'n'.repeat(80)}  ` })).toEqual([]);
    expect(issuesOf({ name: 'n'.repeat(81) })).toEqual([{ path: 'name', message: 'At most 80 characters.' }]);
  });

  it('takes names in every script and refuses control characters', () => {
    for (const name of ['José Müller', 'Zoë Ñúñez', '李小龙', 'Сергей', 'محمد', 'שרה', 'ناصر', '김민준', 'O’Brien-Smith']) expect(issuesOf({ name }), name).toEqual([]);
    for (const char of CONTROL) expect(issuesOf({ name: `Ja${char}ne` }), JSON.stringify(char)).toEqual([{ path: 'name', message: 'Control characters are not allowed.' }]);
  });
});

describe('phone', () => {
  it('takes 7 to 15 digits in the characters people type', () => {
    for (const phone of ['5550143', '(202) 555-0143', '+1 202.555/0143', '+123456789012345']) expect(Phone.safeParse(phone).success, phone).toBe(true);
  });

  it('refuses 6 or 16 digits, letters, and more than 32 characters', () => {
    expect(issuesOf({ delivery: 'sms', phone: '555014' })).toEqual([{ path: 'phone', message: 'Enter a full phone number, with area code.' }]);
    expect(issuesOf({ delivery: 'sms', phone: '+1234567890123456' })).toEqual([{ path: 'phone', message: 'Enter a full phone number, with area code.' }]);
    expect(issuesOf({ delivery: 'sms', phone: '202 555 O143' })[0]).toEqual({ path: 'phone', message: 'Use digits, spaces and + ( ) - only.' });
    expect(issuesOf({ delivery: 'sms', phone: `${' '.repeat(30)}2025550143` })).toEqual([]);
    expect(issuesOf({ delivery: 'sms', phone: `2 0 2 5 5 5 0 1 4 3 ${'-'.repeat(14)}` })[0]).toEqual({ path: 'phone', message: 'At most 32 characters.' });
  });

  it('is needed for sms only', () => {
    expect(issuesOf({ delivery: 'sms', phone: '' })).toEqual([{ path: 'phone', message: 'Enter a full phone number, with area code.' }, { path: 'phone', message: 'A phone number is needed to text the link.' }]);
    expect(issuesOf({ delivery: 'link' })).toEqual([]);
  });
});

describe('site, language, metadata, Idempotency-Key', () => {
  it('site ids: a letter or digit, then up to 63 of letters, digits, _ and -', () => {
    for (const site of ['a', 'Dealer_1', `a${'b'.repeat(63)}`, '9-x']) expect(SiteId.safeParse(site).success, site).toBe(true);
    for (const site of ['', '-a', '_a', `a${'b'.repeat(64)}`, 'a.b', 'a b', 'ä']) expect(SiteId.safeParse(site).success, site).toBe(false);
    expect(issuesOf({ site: '../x' })).toEqual([{ path: 'site', message: 'Unknown site id format.' }]);
  });

  it('languages: en, fr, es', () => {
    for (const language of ['en', 'fr', 'es']) expect(issuesOf({ language })).toEqual([]);
    expect(issuesOf({ language: 'EN' })).toEqual([{ path: 'language', message: 'Language must be one of en, fr, es.' }]);
  });

  it('metadata: keys of 1–40 safe characters, values of 256 characters, 10 entries', () => {
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']));
    expect(Metadata.safeParse(ten).success).toBe(true);
    expect(Metadata.safeParse({ [`${'k'.repeat(40)}`]: 'v'.repeat(256) }).success).toBe(true);
    for (const key of ['k'.repeat(41), '', 'a b', 'é']) expect(issuesOf({ metadata: { [key]: 'v' } }).map((issue) => issue.path), key).toEqual([`metadata.${key}`]);
    expect(issuesOf({ metadata: { k: 'v\u0000' } })).toEqual([{ path: 'metadata.k', message: 'Control characters are not allowed.' }]);
    const eleven = { ...ten, k10: 'v' };
    expect(issuesOf({ metadata: eleven })).toEqual([{ path: 'metadata', message: 'At most 10 metadata entries.' }]);
  });

  // zod/mini's record says "Invalid input" of a bad key and puts the key rule's words one level down
  // (issue.issues): toIssues reads them from there.
  it('metadata: a bad key is explained with the key rule', () => {
    for (const key of ['a b', '', 'k'.repeat(41), 'é', 'a\u0000']) {
      expect(issuesOf({ metadata: { [key]: 'v' } }), JSON.stringify(key)).toEqual([{ path: `metadata.${key}`, message: 'Metadata keys: 1–40 letters, digits, _ . -' }]);
    }
    // JSON.parse keeps a `__proto__` key as an own property; zod's record would drop it without a word.
    expect(issuesOf({ metadata: JSON.parse('{"__proto__": "x", "lead_id": "L-1"}') })).toEqual([
      { path: 'metadata.__proto__', message: '__proto__ cannot be a metadata key.' },
    ]);
    expect(issuesOf({ metadata: { constructor: 'x', __proto_: 'y' } })).toEqual([]);
    const [issue] = toIssues(CreateSessionRequest.safeParse({ delivery: 'link', metadata: { 'a b': 'v' } }).error!.issues);
    expect(issue).toEqual({ path: 'metadata.a b', code: 'invalid', message: 'Metadata keys: 1–40 letters, digits, _ . -' });
  });

  it('Idempotency-Key: 1 to 64 printable ASCII characters', () => {
    for (const key of ['a', '!', '~', 'k'.repeat(64), crypto.randomUUID()]) expect(IdempotencyKey.safeParse(key).success, key).toBe(true);
    for (const key of ['', ' ', 'a b', 'k'.repeat(65), 'é', '\u007f', 'a\tb']) expect(IdempotencyKey.safeParse(key).success, JSON.stringify(key)).toBe(false);
  });
});
