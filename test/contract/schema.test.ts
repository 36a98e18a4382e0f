import { describe, expect, it } from 'vitest';
import { CreateSessionRequest, CreateSessionResponse, ErrorBody, toIssues } from '../../contract/schema.ts';

const issuesOf = (body: unknown) => {
  const result = CreateSessionRequest.safeParse(body);
  return result.success ? [] : toIssues(result.error.issues);
};

describe('CreateSessionRequest', () => {
  it('accepts the minimal link and sms requests', () => {
    expect(CreateSessionRequest.parse({ delivery: 'link' })).toEqual({ delivery: 'link' });
    expect(CreateSessionRequest.parse({ delivery: 'sms', phone: '(647) 455-1234' })).toEqual({ delivery: 'sms', phone: '(647) 455-1234' });
  });

  it('normalises the VIN and trims text', () => {
    expect(CreateSessionRequest.parse({ delivery: 'link', vin: '1hgcm8-2633a004352', name: '  Jane Smith ' })).toEqual({
      delivery: 'link',
      vin: '1HGCM82633A004352',
      name: 'Jane Smith',
    });
  });

  it('names each problem by field', () => {
    expect(issuesOf({ delivery: 'sms' })).toEqual([{ path: 'phone', code: expect.any(String), message: 'A phone number is needed to text the link.' }]);
    expect(issuesOf({ delivery: 'link', vin: '1HGCM82633A00435O' }).map((issue) => issue.path)).toEqual(['vin']);
    expect(issuesOf({ delivery: 'link', vin: '1HGCM82634A004352' })[0]?.message).toMatch(/check digit/);
    expect(issuesOf({ delivery: 'email' }).map((issue) => issue.path)).toEqual(['delivery']);
    expect(issuesOf({ delivery: 'sms', phone: '12' }).map((issue) => issue.path)).toEqual(['phone']);
    expect(issuesOf({ delivery: 'link', language: 'de' }).map((issue) => issue.path)).toEqual(['language']);
    expect(issuesOf({ delivery: 'link', name: 'x'.repeat(81) }).map((issue) => issue.path)).toEqual(['name']);
    expect(issuesOf({ delivery: 'link', name: 'Jane\u0000' }).map((issue) => issue.path)).toEqual(['name']);
  });

  it('rejects fields the browser may not choose', () => {
    expect(issuesOf({ delivery: 'link', theme: 'LITE', redirect_url: 'https://evil.example' })).toEqual([
      { path: 'theme', code: expect.any(String), message: 'Unknown field.' },
      { path: 'redirect_url', code: expect.any(String), message: 'Unknown field.' },
    ]);
  });

  it('bounds metadata', () => {
    expect(issuesOf({ delivery: 'link', metadata: { lead_id: 'L-1' } })).toEqual([]);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    expect(issuesOf({ delivery: 'link', metadata: eleven }).map((issue) => issue.path)).toEqual(['metadata']);
    expect(issuesOf({ delivery: 'link', metadata: { k: 'v'.repeat(257) } }).map((issue) => issue.path)).toEqual(['metadata.k']);
  });

  it('rejects what is not an object', () => {
    for (const body of [null, 'link', 42, []]) expect(CreateSessionRequest.safeParse(body).success).toBe(false);
  });
});

describe('responses', () => {
  it('parse the documented shapes', () => {
    expect(
      CreateSessionResponse.safeParse({ session_key: 'DMO-1', capture_url: 'https://demo.vehiclecapture.com/DMO-1', delivery: 'sms', sms_to: '+1 ••• ••• 1234', ticket: 't' }).success,
    ).toBe(true);
    expect(CreateSessionResponse.safeParse({ session_key: 'DMO-1', capture_url: 'javascript:alert(1)', delivery: 'link', ticket: 't' }).success).toBe(false);
    expect(ErrorBody.safeParse({ error: { code: 'rate_limited', message: 'Slow down' } }).success).toBe(true);
    expect(ErrorBody.safeParse({ error: { code: 'made_up', message: 'x' } }).success).toBe(false);
  });
});
