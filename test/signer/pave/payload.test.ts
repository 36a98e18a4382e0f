import { describe, expect, it } from 'vitest';
import { buildCreateSessionBody, contactOf } from '../../../signer/pave/payload.ts';

const settings = {
  theme: 'LITE' as const,
  redirectUrl: 'https://dealer.example/thanks',
  language: 'en',
  smsFrom: '+16475550100',
  dealerName: 'Main Street Motors',
  clientId: 'main-street',
};

describe('buildCreateSessionBody', () => {
  it('maps a link request: server-side session options, VIN, no sms', () => {
    expect(buildCreateSessionBody(settings, { delivery: 'link', vin: '1HGCM82633A004352', language: 'fr' })).toEqual({
      session: { theme: 'LITE', redirect_url: 'https://dealer.example/thanks', language: 'FR', client_id: 'main-street' },
      vehicle: { vin: '1HGCM82633A004352' },
    });
  });

  it('maps everything a request can carry', () => {
    expect(
      buildCreateSessionBody(settings, {
        delivery: 'sms',
        phone: '+16474551234',
        name: 'Jane Smith',
        vin: '1HGCM82633A004352',
        year: 2003,
        make: 'Honda',
        model: 'Accord',
        metadata: { lead_id: 'LEAD-123', source: 'vdp' },
      }),
    ).toEqual({
      session: {
        theme: 'LITE',
        redirect_url: 'https://dealer.example/thanks',
        language: 'EN',
        client_id: 'main-street',
        contact: { first_name: 'Jane', last_name: 'Smith' },
        reference: { lead_id: 'LEAD-123', source: 'vdp' },
      },
      vehicle: { vin: '1HGCM82633A004352', year: 2003, make: 'Honda', model: 'Accord' },
      sms: { to: '+16474551234', to_name: 'Jane Smith', from: '+16475550100', by: 'Main Street Motors' },
    });
  });

  it('sends the vehicle without a VIN when the page knows only year, make and model', () => {
    expect(buildCreateSessionBody(settings, { delivery: 'link', year: 2021, make: 'Toyota' }).vehicle).toEqual({ year: 2021, make: 'Toyota' });
  });

  it('leaves out what is not configured or not given', () => {
    expect(buildCreateSessionBody({ theme: 'PRO', language: 'en' }, { delivery: 'sms', phone: '+16474551234', metadata: {} })).toEqual({
      session: { theme: 'PRO', language: 'EN' },
      sms: { to: '+16474551234' },
    });
  });

  it('refuses an sms request without a phone rather than sending a broken body', () => {
    expect(() => buildCreateSessionBody(settings, { delivery: 'sms' })).toThrow(new TypeError('buildCreateSessionBody: sms delivery needs a phone number'));
  });
});

describe('contactOf', () => {
  it.each([
    ['Jane Smith', { first_name: 'Jane', last_name: 'Smith' }],
    ['  Mary Ann   Smith ', { first_name: 'Mary', last_name: 'Ann Smith' }],
    ['Cher', undefined],
    ['', undefined],
  ])('%j → %j', (name, contact) => {
    expect(contactOf(name)).toEqual(contact);
  });
});
