/**
 * PAVE's Create Session body and the parts of its session object the signer reads.
 * @see ../../docs/pave-api.md "POST /v1/sessions — Create Session"
 */
import * as z from 'zod/mini';

export const PAVE_THEMES = ['LITE', 'PRO', 'CAPT'] as const;
export type PaveTheme = (typeof PAVE_THEMES)[number];

/** `POST /v1/sessions` body: every object optional; an empty body is a valid session. */
export interface PaveCreateSessionBody {
  session?: {
    theme?: PaveTheme;
    redirect_url?: string;
    language?: string;
    client_id?: string;
    contact?: { first_name: string; last_name: string };
    reference?: Record<string, string>;
  };
  vehicle?: { vin?: string; year?: number; make?: string; model?: string; [field: string]: string | number | undefined };
  sms?: { to: string; to_name?: string; from?: string; by?: string };
}

/**
 * PAVE timestamps come as `…00.000000Z` or `…+00:00`, and `null` or `""` when unset; out comes one form,
 * ISO 8601 in UTC with milliseconds (`2026-11-28T10:00:00.000Z`), or `null` for anything unreadable.
 */
export function toIsoTime(value: string | null | undefined): string | null {
  const match = value?.trim().match(/^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i);
  if (!match) return null;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  // Some engines refuse more than three fractional digits; PAVE's times are UTC when they carry no zone.
  const millis = Date.parse(`${date}T${time}.${fraction.padEnd(3, '0').slice(0, 3)}${zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

const Timestamp = z.pipe(z.nullish(z.string()), z.transform(toIsoTime));

/** PAVE's session keys: `ABC-XXXXXXXXXX` in the docs; a little wider here so a longer prefix does not break the signer. */
export const SESSION_KEY_PATTERN = /^[A-Z0-9]{2,8}-[A-Z0-9]{4,20}$/;

/**
 * `options.sms.to` of a session: the number its link was texted to. Read leniently — PAVE's API is
 * Laravel, which sends an empty `options` as `[]` — so a surprise here never fails the whole session.
 */
const SessionOptions = z.catch(
  z.optional(z.nullable(z.object({ sms: z.optional(z.nullable(z.object({ to: z.optional(z.nullable(z.string())) }))) }))),
  undefined,
);

/** What the signer relies on in PAVE's session object; everything else is ignored, never forwarded. */
export const PaveSession = z.object({
  session_key: z.string().check(z.regex(SESSION_KEY_PATTERN)),
  capture_url: z.optional(z.nullable(z.string())),
  status: z.optional(z.string()),
  updated_at: z.optional(Timestamp),
  options: SessionOptions,
});
export type PaveSession = z.infer<typeof PaveSession>;

/** `POST /v2/capture/sessions/:key/resend` body: a different number to text, in E.164. */
export interface PaveResendBody {
  phone?: string;
}

/** PAVE's error bodies: `{message}`, and `{message, errors}` for validation failures (Laravel style). */
export const PaveErrorBody = z.object({
  message: z.optional(z.string()),
  errors: z.optional(z.record(z.string(), z.array(z.string()))),
});
export type PaveErrorBody = z.infer<typeof PaveErrorBody>;
