/**
 * A site's own rules on top of the contract: a VIN required or checked strictly, and a number it can text
 * (mobile, in one of its SMS countries). What passes becomes the customer's side of PAVE's body.
 */
import type { ValidCreateSessionRequest } from '../../contract/schema.ts';
import { checkVin } from '../../contract/vin.ts';
import type { SiteConfig } from '../config/settings.ts';
import { invalidField, vinRefused, vinRequired } from '../errors.ts';
import type { CustomerInput } from '../pave/payload.ts';
import { maskE164, toTextablePhone } from './textable-phone.ts';

/** The customer's input, ready for PAVE, and the masked number to answer with when it is texted. */
export interface RuledRequest {
  customer: CustomerInput;
  smsTo?: string;
}

/**
 * @example applySiteRules(site, { delivery: 'sms', phone: '(647) 455-1234' })
 * // { customer: { delivery: 'sms', phone: '+16474551234', … }, smsTo: '+1 ••• ••• 1234' }
 */
export function applySiteRules(site: SiteConfig, request: ValidCreateSessionRequest): RuledRequest {
  if (site.requireVin && !request.vin) throw vinRequired();
  if (request.vin && site.strictVin) {
    const check = checkVin(request.vin, { strict: true });
    if (!check.ok) throw vinRefused(check.problem);
  }
  const customer: CustomerInput = {
    delivery: request.delivery,
    vin: request.vin,
    name: request.name,
    language: request.language,
    metadata: request.metadata,
    year: request.year,
    make: request.make,
    model: request.model,
  };
  if (request.delivery !== 'sms' || !request.phone) return { customer };

  const phone = toTextablePhone(request.phone, site);
  if (!phone.ok) throw invalidField(phone.issue);
  return { customer: { ...customer, phone: phone.e164 }, smsTo: maskE164(phone.e164, phone.callingCode) };
}
