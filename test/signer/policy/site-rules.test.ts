/**
 * A site's own rules on top of the contract, as a pure function: what passes becomes PAVE's customer
 * input; what does not is a `400 invalid_request` naming the field.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../signer/config/environment.ts';
import { SignerError } from '../../../signer/errors.ts';
import { applySiteRules } from '../../../signer/policy/site-rules.ts';
import { baseEnv } from '../../fixtures/stack.ts';

const siteWith = (env: Record<string, string> = {}) => loadConfig({ ...baseEnv, ...env }).sites.get('default')!;

function refusal(run: () => unknown): SignerError {
  try {
    run();
  } catch (error) {
    if (error instanceof SignerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('applySiteRules', () => {
  it('turns a textable number into E.164 and answers with it masked', () => {
    expect(applySiteRules(siteWith(), { delivery: 'sms', phone: '(647) 455-1234', name: 'Jane Smith' })).toEqual({
      customer: { delivery: 'sms', phone: '+16474551234', name: 'Jane Smith' },
      smsTo: '+1 ••• ••• 1234',
    });
  });

  it('leaves a link without a number, even when one was typed', () => {
    expect(applySiteRules(siteWith(), { delivery: 'link', phone: '2025550143' })).toEqual({ customer: { delivery: 'link' } });
  });

  it('refuses what the site refuses, naming the field', () => {
    const required = refusal(() => applySiteRules(siteWith({ REQUIRE_VIN: 'true' }), { delivery: 'link' }));
    expect([required.code, required.issues]).toEqual(['invalid_request', [{ path: 'vin', code: expect.any(String), message: 'A VIN is required.' }]]);
    const strict = refusal(() => applySiteRules(siteWith({ STRICT_VIN: 'true' }), { delivery: 'link', vin: 'WVWZZZ1JZXW000001' }));
    expect(strict.issues).toEqual([{ path: 'vin', code: expect.any(String), message: expect.stringContaining('check digit') }]);
    const abroad = refusal(() => applySiteRules(siteWith(), { delivery: 'sms', phone: '+44 7911 123456' }));
    expect(abroad.issues).toEqual([{ path: 'phone', code: 'country_not_allowed', countries: ['US', 'CA'], message: 'We can only text numbers in United States, Canada.' }]);
  });
});
