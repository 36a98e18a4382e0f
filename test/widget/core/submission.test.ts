import { describe, expect, it } from 'vitest';
import { randomKey, requestBody, submissionFor, type SubmittedForm } from '../../../widget/core/submission.ts';

const form: SubmittedForm = { mode: 'link', vin: '', phone: '', language: 'en', site: '' };

/** Keys `k1`, `k2`… in order, so a test can tell a reused key from a new one. */
function counting() {
  let n = 0;
  return () => `k${++n}`;
}

describe('requestBody', () => {
  it('sends only what is filled in: no empty VIN, no site when there is none, no phone for a link', () => {
    expect(requestBody(form)).toEqual({ delivery: 'link', language: 'en' });
    expect(requestBody({ ...form, vin: '1HGCM82633A004352', site: 'main-street', phone: '+16474551234' })).toEqual({
      delivery: 'link',
      vin: '1HGCM82633A004352',
      language: 'en',
      site: 'main-street',
    });
  });

  it('sends the phone to text the link', () => {
    expect(requestBody({ ...form, mode: 'sms', phone: '+16474551234', language: 'fr' })).toEqual({ delivery: 'sms', phone: '+16474551234', language: 'fr' });
  });
});

describe('submissionFor', () => {
  it('sends the same request again with the same key: a retry never creates a second session', () => {
    const newKey = counting();
    const body = requestBody({ ...form, mode: 'sms', phone: '+16474551234' });
    const first = submissionFor(body, undefined, newKey);
    expect(first.key).toBe('k1');
    expect(submissionFor({ ...body }, first, newKey)).toBe(first);
  });

  it('gives a changed request a new key, and going back to the first one is new again', () => {
    const newKey = counting();
    let submission = submissionFor(requestBody(form), undefined, newKey);
    const keys = [submission.key];
    for (const changed of [{ vin: '1HGCM82633A004352' }, { language: 'es' as const }, {}]) {
      submission = submissionFor(requestBody({ ...form, ...changed }), submission, newKey);
      keys.push(submission.key);
    }
    expect(keys).toEqual(['k1', 'k2', 'k3', 'k4']);
  });

  it('starts a new submission once there is no last one (a session exists), even for the same request', () => {
    const newKey = counting();
    const body = requestBody(form);
    expect(submissionFor(body, undefined, newKey).key).toBe('k1');
    expect(submissionFor(body, undefined, newKey).key).toBe('k2');
  });

  it('makes new keys of 128 random bits by default', () => {
    expect(submissionFor(requestBody(form), undefined).key).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('randomKey', () => {
  it('is 128 bits as 32 hex digits, a new one each time', () => {
    expect(randomKey()).toMatch(/^[0-9a-f]{32}$/);
    expect(randomKey()).not.toBe(randomKey());
  });
});
