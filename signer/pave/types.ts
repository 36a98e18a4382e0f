/**
 * PAVE's Create Session body and the parts of its session object the signer reads.
 * @see ../../../shared/pave-api.md "POST /v1/sessions"
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

/** PAVE timestamps come as `…00.000000Z` or `…+00:00`, and `null` or `""` when unset. */
const Timestamp = z.pipe(
  z.nullish(z.string()),
  z.transform((value) => (value ? value : null)),
);

/** What the signer relies on in PAVE's session object; everything else is ignored, never forwarded. */
export const PaveSession = z.object({
  session_key: z.string().check(z.regex(/^[A-Z0-9]{2,8}-[A-Z0-9]{4,20}$/)),
  capture_url: z.optional(z.nullable(z.string())),
  status: z.optional(z.string()),
  updated_at: z.optional(Timestamp),
});
export type PaveSession = z.infer<typeof PaveSession>;

/** PAVE's error bodies: `{message}`, and `{message, errors}` for validation failures (Laravel style). */
export const PaveErrorBody = z.object({
  message: z.optional(z.string()),
  errors: z.optional(z.record(z.string(), z.array(z.string()))),
});
export type PaveErrorBody = z.infer<typeof PaveErrorBody>;
