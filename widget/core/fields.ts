/**
 * What is wrong with the form right now, in the customer's language. Pure, so the rules are unit-tested
 * apart from the element. Messages appear as the person types where that helps (a forbidden letter, a
 * wrong check digit on a full VIN) and otherwise once the field has been left or the form submitted.
 */
import type { Delivery } from '../../contract/schema.ts';
import { checkPhone } from './phone.ts';
import type { FormStrings as Strings } from '../strings/language.ts';
import { badVinCharacter, checkVin, normalizeVin } from '../../contract/vin.ts';

interface FieldInput {
  vin: string;
  phone: string;
  /** Fields whose problems may be shown: left once, or the whole form submitted. */
  shown: { vin: boolean; phone: boolean };
}

interface FieldRules {
  requireVin: boolean;
  /** The delivery the customer is asking for: the phone is needed only to text the link. */
  delivery: Delivery;
  country: string;
  strings: Strings;
}

export interface FieldReport {
  vin?: string;
  vinWarning?: string;
  phone?: string;
  /** E.164 when the phone looks valid. */
  e164?: string;
  /** Blocking problems whether shown yet or not: the form may not be sent while this is false. */
  valid: boolean;
}

export function checkFields(input: FieldInput, rules: FieldRules): FieldReport {
  const { strings } = rules;
  const report: FieldReport = { valid: true };

  const vin = normalizeVin(input.vin);
  if (!vin) {
    if (rules.requireVin) {
      report.valid = false;
      if (input.shown.vin) report.vin = strings.vinRequired;
    }
  } else {
    const result = checkVin(vin);
    if (!result.ok) {
      report.valid = false;
      // Bad characters and a wrong check digit on a full VIN are certain while typing; a short VIN is not.
      const { problem } = result;
      if (problem === 'characters') report.vin = strings.vinProblems.characters(badVinCharacter(vin) ?? '');
      else if (input.shown.vin || problem !== 'length' || vin.length > 17) report.vin = strings.vinProblems[problem];
    } else if (result.warning) {
      report.vinWarning = strings.vinWarning;
    }
  }

  const phone = input.phone.trim();
  if (!phone) {
    if (rules.delivery === 'sms') {
      report.valid = false;
      if (input.shown.phone) report.phone = strings.phoneRequired;
    }
  } else {
    const result = checkPhone(phone, rules.country);
    if (result.ok) {
      report.e164 = result.e164;
    } else {
      // A number only matters when it will be texted; a half-typed one is never an error while typing.
      if (rules.delivery === 'sms') report.valid = false;
      if (input.shown.phone || result.problem === 'invalid' || result.problem === 'letters') report.phone = strings.phoneProblems[result.problem];
    }
  }
  return report;
}
