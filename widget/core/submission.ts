/**
 * What a submit sends: the request body made from the form, and the `Idempotency-Key` it carries.
 *
 * One key per submission. Sending the same body again after a failure (a retry after a timeout, a 502, a
 * lost answer) reuses the key, so a signer that did create the session answers with it instead of making —
 * and texting — a second one. A changed body is a new submission with a new key, and so is anything sent
 * after a session exists. Pure: the random source is passed in.
 */
import type { CreateSessionRequest, Delivery, Language } from '../../contract/schema.ts';

/** The form as it is submitted: what the customer typed, already normalised, and what the page set. */
export interface SubmittedForm {
  mode: Delivery;
  vin: string;
  /** Sent only to text the link: E.164 when the widget could read the number, else as typed. */
  phone: string;
  language: Language;
  site: string;
}

/**
 * The body of `POST /v1/sessions`: empty fields left out, the phone only for a text.
 * @example requestBody({ mode: 'link', vin: '', phone: '', language: 'en', site: '' }) // { delivery: 'link', language: 'en' }
 */
export function requestBody(form: SubmittedForm): CreateSessionRequest {
  return {
    delivery: form.mode,
    ...(form.vin ? { vin: form.vin } : {}),
    ...(form.mode === 'sms' ? { phone: form.phone } : {}),
    language: form.language,
    ...(form.site ? { site: form.site } : {}),
  };
}

/** One submission: the request as sent (serialised) and its key. */
export interface Submission {
  body: string;
  key: string;
}

/**
 * The submission sending `body` belongs to: `last` again when it sent the same request, else a new one with
 * a new key. After a session exists there is no `last`: whatever is sent next is a new submission.
 * @example
 * submission = submissionFor(body, submission); // send with submission.key; on a 201: submission = undefined
 */
export function submissionFor(body: CreateSessionRequest, last: Submission | undefined, newKey: () => string = randomKey): Submission {
  const serialized = JSON.stringify(body);
  return last?.body === serialized ? last : { body: serialized, key: newKey() };
}

/** 128 random bits as hex; works outside secure contexts, unlike `crypto.randomUUID`. */
export function randomKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
