/**
 * The Create Session body as PAVE documents it, checked the way PAVE's (Laravel) API reports problems:
 * `{"message": "The given data was invalid.", "errors": {"sms.to": ["The sms.to field is required."]}}`.
 * Deliberately written apart from the signer's mapping, so the two can disagree and a test can see it.
 */
import { z } from 'zod';

const text = z.string().min(1).max(255);

export const CreateSessionBody = z.strictObject({
  session: z.optional(
    z.strictObject({
      theme: z.optional(z.enum(['LITE', 'PRO', 'CAPT'])),
      redirect_url: z.optional(z.url({ protocol: /^https?$/ })),
      language: z.optional(z.string().regex(/^[a-z]{2}$/i, 'The session.language must be a two-letter code.')),
      client_id: z.optional(text),
      contact: z.optional(z.strictObject({ first_name: text, last_name: text })),
      reference: z.optional(z.record(z.string(), z.string().max(1024))),
    }),
  ),
  vehicle: z.optional(
    z.strictObject({
      vin: z.optional(z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'The vehicle.vin must be 17 characters.')),
      year: z.optional(z.int().min(1900).max(2100)),
      make: z.optional(text),
      model: z.optional(text),
      body_type: z.optional(text),
      trim: z.optional(text),
      transmission: z.optional(text),
      ext_col: z.optional(text),
      int_col: z.optional(text),
      odom_reading: z.optional(z.number().nonnegative()),
      odom_unit: z.optional(z.enum(['KILOMETRES', 'MILES'])),
    }),
  ),
  sms: z.optional(
    z.strictObject({
      // E.164 (the project's decision) or the 647-455-1234 style of PAVE's examples.
      to: z.string({ error: 'The sms.to field is required.' }).regex(/^(\+[1-9]\d{7,14}|\d{3}-\d{3}-\d{4})$/, 'The sms.to must be a valid phone number.'),
      to_name: z.optional(z.string().max(80)),
      from: z.optional(z.string().regex(/^\+?[\d\-\s]{7,20}$/, 'The sms.from must be a phone number.')),
      by: z.optional(z.string().max(80)),
    }),
  ),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;

/** zod issues → Laravel's `errors` object keyed by dotted path. */
export function laravelErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of keys) {
      const field = path.map(String).join('.') || 'body';
      const message = issue.code === 'unrecognized_keys' ? `The ${field} field is not allowed.` : issue.message.startsWith('The ') ? issue.message : `The ${field} field is invalid: ${issue.message}`;
      (errors[field] ??= []).push(message);
    }
  }
  return errors;
}
