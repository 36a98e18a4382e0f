import { describe, expect, it } from 'vitest';
import { buildCreateSessionBody } from '../../../signer/pave/payload.ts';

const settings = { theme: 'LITE' as const, redirectUrl: 'https://dealer.example/thanks', language: 'en', smsFrom: '+16475550100', dealerName: 'Main Street Motors' };

describe('buildCreateSessionBody', () => {
  it('maps a link request: server-side session options, VIN, no sms', () => {
    expect(buildCreateSessionBody(settings, { delivery: 'link', vin: '1HGCM82633A004352', language: 'fr' })).toEqual({
      session: { theme: 'LITE', redirect_url: 'https://dealer.example/thanks', language: 'FR' },
      vehicle: { vin: '1HGCM82633A004352' },
    });
  });

  it('maps an sms request with recipient, sender and business name', () => {
    expect(buildCreateSessionBody(settings, { delivery: 'sms', phone: '+16474551234', name: 'Jane Smith' })).toEqual({
      session: { theme: 'LITE', redirect_url: 'https://dealer.example/thanks', language: 'EN' },
      sms: { to: '+16474551234', to_name: 'Jane Smith', from: '+16475550100', by: 'Main Street Motors' },
    });
  });

  it('leaves out what is not configured', () => {
    expect(buildCreateSessionBody({ theme: 'PRO', language: 'en' }, { delivery: 'sms', phone: '+16474551234' })).toEqual({
      session: { theme: 'PRO', language: 'EN' },
      sms: { to: '+16474551234' },
    });
  });

  it('refuses an sms request without a phone rather than sending a broken body', () => {
    expect(() => buildCreateSessionBody(settings, { delivery: 'sms' })).toThrow(TypeError);
  });
});
