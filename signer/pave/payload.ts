/**
 * Maps a validated widget request plus server-side site settings onto PAVE's Create Session body.
 * Pure. The browser supplies only the customer's own data; everything that could redirect a customer
 * or change what a text says comes from `SessionSettings`.
 */
import type { PaveCreateSessionBody, PaveTheme } from './types.ts';

/** Server-side settings of one dealer site. */
export interface SessionSettings {
  theme: PaveTheme;
  redirectUrl?: string;
  /** Two-letter language code, used when the customer did not choose one. */
  language: string;
  /** Sender phone number of the texts. */
  smsFrom?: string;
  /** Business name shown in the text. */
  dealerName?: string;
}

/** The customer's side, already validated and normalised. */
export interface CustomerInput {
  delivery: 'link' | 'sms';
  /** E.164, required for `sms`. */
  phone?: string;
  vin?: string;
  name?: string;
  language?: string;
}

/**
 * @example buildCreateSessionBody({ theme: 'PRO', language: 'en' }, { delivery: 'link', vin: '1HGCM82633A004352' })
 * // { session: { theme: 'PRO', language: 'EN' }, vehicle: { vin: '1HGCM82633A004352' } }
 */
export function buildCreateSessionBody(settings: SessionSettings, customer: CustomerInput): PaveCreateSessionBody {
  const body: PaveCreateSessionBody = {
    session: compact({
      theme: settings.theme,
      redirect_url: settings.redirectUrl,
      language: (customer.language ?? settings.language).toUpperCase(),
    }),
  };
  if (customer.vin) body.vehicle = { vin: customer.vin };
  if (customer.delivery === 'sms') {
    if (!customer.phone) throw new TypeError('buildCreateSessionBody: sms delivery needs a phone number');
    body.sms = compact({ to: customer.phone, to_name: customer.name, from: settings.smsFrom, by: settings.dealerName });
  }
  return body;
}

/** Drops `undefined` and empty strings: PAVE should see a field only when it has a value. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as T;
}
