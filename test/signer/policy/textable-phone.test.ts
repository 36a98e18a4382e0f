/**
 * The SMS destination rules that stop toll fraud before any counter: only mobile numbers, only in the
 * site's SMS countries — by default the site's own country. "+1" is not one country: Caribbean numbers
 * share it and are a classic target of SMS pumping.
 */
import { describe, expect, it } from 'vitest';
import { toTextablePhone } from '../../../signer/policy/textable-phone.ts';
import { createDefendedStack } from '../../fixtures/defended-stack.ts';

const usCa = { defaultCountry: 'US', smsCountries: ['US', 'CA'] } as const;

describe('toTextablePhone', () => {
  it.each([
    ['+1 876 234 5678', 'Jamaica'],
    ['+1 268 464 1234', 'Antigua'],
    ['+44 7911 123456', 'the UK'],
  ])('refuses %s (%s) outside the allow-list, whatever its calling code', (number) => {
    expect(toTextablePhone(number, usCa)).toEqual({ ok: false, issue: { path: 'phone', code: 'country_not_allowed', countries: ['US', 'CA'], message: 'We can only text numbers in United States, Canada.' } });
  });

  it.each(['+1 900 234 5678', '+1 976 234 5678', '+1 800 234 5678', '+1 888 555 0100'])('refuses premium-rate and toll-free %s', (number) => {
    expect(toTextablePhone(number, usCa)).toEqual({ ok: false, issue: { path: 'phone', code: 'not_mobile', message: 'This is not a mobile number we can text.' } });
  });

  it('accepts a mobile number of an allowed country, as E.164', () => {
    expect(toTextablePhone('(647) 455-1234', usCa)).toEqual({ ok: true, e164: '+16474551234', country: 'CA', callingCode: '1' });
  });
});

describe('SMS_COUNTRIES over HTTP', () => {
  it('defaults to the site’s own country', async () => {
    const stack = createDefendedStack({ env: { DEFAULT_COUNTRY: 'CA', SMS_COUNTRIES: undefined } });
    expect((await stack.post({ delivery: 'sms', phone: '647 455 1234' })).status).toBe(201);
    const refused = await stack.post({ delivery: 'sms', phone: '+1 202 555 0143' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: 'invalid_request', message: expect.any(String), issues: [{ path: 'phone', code: 'country_not_allowed', countries: ['CA'], message: 'We can only text numbers in Canada.' }] },
    });
    expect(stack.sandbox.store.outbox.map((text) => text.to)).toEqual(['+16474551234']);
  });
});
