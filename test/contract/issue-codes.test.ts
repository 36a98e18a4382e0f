/**
 * The code and parameters of every issue the contract's schemas produce, exactly: a client words the issue in
 * its customer's language from these alone (vehicle-fields.test.ts checks the English words per field).
 */
import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, CreateSessionResponse, IdempotencyKey, ResendRequest, toIssues } from '../../contract/schema.ts';

const issuesOf = (body: Record<string, unknown>) => {
  const result = CreateSessionRequest.safeParse(body);
  return result.success ? [] : toIssues(result.error.issues);
};
const link = (fields: Record<string, unknown>) => issuesOf({ delivery: 'link', ...fields });

describe('issue codes', () => {
  it('required: an SMS without a number', () => {
    expect(issuesOf({ delivery: 'sms' })).toEqual([{ path: 'phone', code: 'required', message: 'A phone number is needed to text the link.' }]);
    expect(issuesOf({ delivery: 'sms', phone: '' })).toContainEqual({ path: 'phone', code: 'required', message: 'A phone number is needed to text the link.' });
  });

  it('too_long: a text field over its length, with the bound', () => {
    expect(link({ name: 'x'.repeat(81) })).toEqual([{ path: 'name', code: 'too_long', message: 'At most 80 characters.', max: 80 }]);
    expect(link({ make: 'x'.repeat(61) })).toEqual([{ path: 'make', code: 'too_long', message: 'At most 60 characters.', max: 60 }]);
    expect(link({ metadata: { k: 'v'.repeat(257) } })).toEqual([{ path: 'metadata.k', code: 'too_long', message: 'At most 256 characters.', max: 256 }]);
  });

  it('a number over its bound is not "too long": the year is invalid, with its own words', () => {
    expect(link({ year: 2101 })).toEqual([{ path: 'year', code: 'invalid', message: 'The year must be 2100 or earlier.' }]);
    expect(link({ year: 1899 })).toEqual([{ path: 'year', code: 'invalid', message: 'The year must be 1900 or later.' }]);
  });

  it('control_characters: in any text field, metadata values included', () => {
    expect(link({ name: 'Jane\u0000' })).toEqual([{ path: 'name', code: 'control_characters', message: 'Control characters are not allowed.' }]);
    expect(link({ metadata: { k: '\u202e' } })).toEqual([{ path: 'metadata.k', code: 'control_characters', message: 'Control characters are not allowed.' }]);
  });

  it('vin_characters names the first character no VIN uses; vin_length and vin_check_digit carry nothing more', () => {
    expect(link({ vin: '1HGCM82633A00435O' })).toEqual([
      { path: 'vin', code: 'vin_characters', message: 'A VIN uses letters and digits only, never I, O or Q.', character: 'O' },
    ]);
    expect(link({ vin: '1HGCM8I633A00435Q' })[0]).toMatchObject({ code: 'vin_characters', character: 'I' });
    expect(link({ vin: '1HGCM8263' })).toEqual([{ path: 'vin', code: 'vin_length', message: 'A VIN has exactly 17 characters.' }]);
    const [checkDigit] = link({ vin: '1HGCM82634A004352' });
    expect(checkDigit).toEqual({ path: 'vin', code: 'vin_check_digit', message: expect.stringMatching(/check digit/) });
  });

  it('phone_characters and phone_length: the shape of a number', () => {
    expect(issuesOf({ delivery: 'sms', phone: '647 455 1234 ext' })).toEqual([
      { path: 'phone', code: 'phone_characters', message: 'Use digits, spaces and + ( ) - only.' },
    ]);
    expect(issuesOf({ delivery: 'sms', phone: '12' })).toEqual([{ path: 'phone', code: 'phone_length', message: 'Enter a full phone number, with area code.' }]);
    expect(toIssues(ResendRequest.safeParse({ phone: '1234567890123456' }).error!.issues)).toEqual([
      { path: 'phone', code: 'phone_length', message: 'Enter a full phone number, with area code.' },
    ]);
  });

  it('unknown_field: each unknown field named on its own, nested ones by their dotted path', () => {
    expect(link({ theme: 'LITE', sms: {} })).toEqual([
      { path: 'theme', code: 'unknown_field', message: 'Unknown field.' },
      { path: 'sms', code: 'unknown_field', message: 'Unknown field.' },
    ]);
    expect(toIssues([{ code: 'unrecognized_keys', path: ['options'], keys: ['a', 'b'], message: 'Unrecognized keys' }])).toEqual([
      { path: 'options.a', code: 'unknown_field', message: 'Unknown field.' },
      { path: 'options.b', code: 'unknown_field', message: 'Unknown field.' },
    ]);
  });

  it('invalid: a bad choice, a bad key, a wrong type — with words that say what', () => {
    expect(issuesOf({ delivery: 'fax' })).toEqual([{ path: 'delivery', code: 'invalid', message: 'Choose "link" or "sms".' }]);
    expect(link({ language: 'de' })).toEqual([{ path: 'language', code: 'invalid', message: 'Language must be one of en, fr, es.' }]);
    expect(link({ metadata: { 'a b': 'v' } })).toEqual([{ path: 'metadata.a b', code: 'invalid', message: 'Metadata keys: 1–40 letters, digits, _ . -' }]);
    expect(link({ name: 42 })).toEqual([{ path: 'name', code: 'invalid', message: 'Must be text.' }]);
    expect(link({ metadata: { k: { nested: true } } })).toEqual([{ path: 'metadata.k', code: 'invalid', message: 'Must be text.' }]);
  });

  it('a code a check sets is kept only when the contract lists it', () => {
    expect(toIssues([{ code: 'custom', path: ['vin'], message: 'm', params: { code: 'vin_length' } }])).toEqual([{ path: 'vin', code: 'vin_length', message: 'm' }]);
    expect(toIssues([{ code: 'custom', path: ['vin'], message: 'm', params: { code: 'made_up' } }])).toEqual([{ path: 'vin', code: 'invalid', message: 'm' }]);
    // A parameter that is not a string (a check's own object) never reaches the client as `character`.
    expect(toIssues([{ code: 'custom', path: ['vin'], message: 'm', params: { code: 'vin_characters', character: 7 } }])).toEqual([
      { path: 'vin', code: 'vin_characters', message: 'm' },
    ]);
    // The phone's character rule is named by its field; the same kind of issue elsewhere is only invalid.
    expect(toIssues([{ code: 'invalid_format', path: ['site'], message: 'm', pattern: '/x/' }])).toEqual([{ path: 'site', code: 'invalid', message: 'm' }]);
    expect(toIssues([{ code: 'too_big', path: ['name'], message: 'm', origin: 'string' }])).toEqual([{ path: 'name', code: 'invalid', message: 'm' }]);
    // Only an unknown-keys issue is split by its keys, only a record key's issue read one level down.
    expect(toIssues([{ code: 'custom', path: ['site'], message: 'm', keys: ['a'] }])).toEqual([{ path: 'site', code: 'invalid', message: 'm' }]);
    expect(toIssues([{ code: 'invalid_element', path: ['x'], message: 'm', issues: [{ code: 'custom', path: [], message: 'inner' }] }])).toEqual([
      { path: 'x', code: 'invalid', message: 'm' },
    ]);
  });
});

describe('header and answer rules', () => {
  it('an Idempotency-Key that breaks the rule says what the rule is', () => {
    expect(IdempotencyKey.safeParse('a b').error?.issues[0]?.message).toBe('At most 64 printable ASCII characters, no spaces.');
  });

  it('a capture URL is http or https, nothing that merely ends in it', () => {
    const answer = (capture_url: string) => CreateSessionResponse.safeParse({ session_key: 'K', capture_url, delivery: 'link', ticket: 't' }).success;
    expect(answer('https://capture.example/K')).toBe(true);
    expect(answer('http://localhost:4010/capture/K')).toBe(true);
    expect(answer('xhttps://capture.example/K')).toBe(false);
    expect(answer('web+https://capture.example/K')).toBe(false);
  });
});
