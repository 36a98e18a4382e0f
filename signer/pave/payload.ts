/**
 * Maps a validated widget request plus server-side site settings onto PAVE's Create Session body.
 * Pure. The browser supplies only the customer's own data (and the dealer page's vehicle); everything
 * that could redirect a customer or change what a text says comes from `SessionSettings`.
 * @see ../../docs/pave-api.md "POST /v1/sessions — Create Session"
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
  /** `session.client_id`: the dealer's own reference for the rooftop, echoed back in PAVE's results. */
  clientId?: string;
}

/** The customer's side, already validated and normalised. */
export interface CustomerInput {
  delivery: 'link' | 'sms';
  /** E.164, required for `sms`. */
  phone?: string;
  vin?: string;
  /** The customer's name: the SMS recipient name, and PAVE's contact when it has a first and a last name. */
  name?: string;
  language?: string;
  /** Pass-through data (e.g. a lead id), sent as `session.reference`. */
  metadata?: Record<string, string>;
  /** What the dealer's page knows about the vehicle besides its VIN. */
  year?: number;
  make?: string;
  model?: string;
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
      client_id: settings.clientId,
      contact: customer.name ? contactOf(customer.name) : undefined,
      reference: customer.metadata && Object.keys(customer.metadata).length ? customer.metadata : undefined,
    }),
  };
  const vehicle = compact({ vin: customer.vin, year: customer.year, make: customer.make, model: customer.model });
  if (Object.keys(vehicle).length) body.vehicle = vehicle;
  if (customer.delivery === 'sms') {
    if (!customer.phone) throw new TypeError('buildCreateSessionBody: sms delivery needs a phone number');
    body.sms = compact({ to: customer.phone, to_name: customer.name, from: settings.smsFrom, by: settings.dealerName });
  }
  return body;
}

/**
 * PAVE wants both names when `contact` is sent. "Jane Smith" → Jane / Smith, "Mary Ann Smith" → Mary / Ann Smith;
 * a single word is no contact at all (it still greets the customer as `sms.to_name`).
 */
export function contactOf(name: string): { first_name: string; last_name: string } | undefined {
  const [first, ...rest] = name.trim().split(/\s+/);
  return first && rest.length ? { first_name: first, last_name: rest.join(' ') } : undefined;
}

/** Drops `undefined` and empty strings: PAVE should see a field only when it has a value. */
function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as T;
}
