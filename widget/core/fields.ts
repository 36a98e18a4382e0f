/**
 * What is wrong with the form right now, in the customer's language. Pure, so the rules are unit-tested
 * apart from the element. Messages appear as the person types where that helps (a forbidden letter, a
 * wrong check digit on a full VIN) and otherwise once the field has been left or the form submitted.
 */
import type { Delivery } from '../../contract/schema.ts';
import type { checkPhone } from './phone.ts';
import { typedPhoneProblem } from './phone-typing.ts';
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
  /** The words; with `checkPhone`, those of its problems too (they come with it, in the hand-off's words). */
  strings: Strings & { phoneProblems: Partial<Record<string, string>> };
  /**
   * The phone's rules (lengths, calling codes), on demand with the hand-off module; until they are here only
   * what shows as it is typed is checked. The element waits for them before texting; if they cannot be had, the
   * number is sent as typed (the signer reads it for the site's country and says what is wrong).
   */
  checkPhone?: typeof checkPhone;
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
    // Until the phone's rules are here, only what shows as it is typed is checked (a text waits for them; without them, the number goes as typed).
    const typed = typedPhoneProblem(phone);
    const result = rules.checkPhone?.(phone, rules.country) ?? (typed ? { ok: false as const, problem: typed } : undefined);
    if (result?.ok) {
      report.e164 = result.e164;
    } else if (result) {
      // A number only matters when it will be texted; a half-typed one is never an error while typing.
      if (rules.delivery === 'sms') report.valid = false;
      if (input.shown.phone || result.problem === 'invalid' || result.problem === 'letters') report.phone = strings.phoneProblems[result.problem];
    }
  }
  return report;
}
