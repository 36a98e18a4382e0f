/**
 * THE contract between `<pave-capture>` and the signer: one zod/mini schema per message, types inferred.
 * The signer validates requests with these schemas and builds its OpenAPI document from them; the widget
 * takes only their types (its bundle has no zod: it checks answers with `widget/net/parse.ts`).
 * zod/mini keeps the browser bundle small (≈6 KB instead of ≈26 KB for full zod).
 */
import * as z from 'zod/mini';
import { ERROR_CODES } from './errors.ts';
import { ISSUE_CODES, type CodedIssue, type IssueCode } from './issues.ts';
import { checkVin, normalizeVin, VIN_MESSAGES } from './vin.ts';

/** Languages the widget speaks and PAVE's capture UI is opened in. */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DELIVERIES = ['link', 'sms'] as const;
export type Delivery = (typeof DELIVERIES)[number];


/** The body limit of `POST /v1/sessions`, enforced before parsing. */
export const MAX_BODY_BYTES = 8 * 1024;

const NO_CONTROL_CHARS = /^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u;

/** A trimmed string of at most `max` characters without control or format characters. */
const text = (max: number) =>
  z.string('Must be text.').check(
    z.trim(),
    z.maxLength(max, `At most ${max} characters.`),
    z.regex(NO_CONTROL_CHARS, 'Control characters are not allowed.'),
  );


/** A VIN in any human format in (spaces, dashes, lower case), the 17 canonical characters out. */
export const Vin = z.pipe(
  z.string().check(z.maxLength(40, VIN_MESSAGES.length)),
  z.transform((value: string, ctx) => {
    const vin = normalizeVin(value);
    const result = checkVin(vin);
    if (!result.ok) {
      const character = result.problem === 'characters' ? [...vin].find((c) => !/[A-HJ-NPR-Z0-9]/.test(c)) : undefined;
      ctx.issues.push({ code: 'custom', message: VIN_MESSAGES[result.problem], input: value, params: { code: `vin_${result.problem}`, ...(character ? { character } : {}) } });
    }
    return vin;
  }),
);

/**
 * A phone number as a person types it. Only its shape is checked here; the signer parses it for the
 * site's country and sends E.164 to PAVE.
 */
export const Phone = text(32).check(
  z.regex(/^\+?[\d\s().\-/]*$/, 'Use digits, spaces and + ( ) - only.'),
  z.refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15;
  }, { message: 'Enter a full phone number, with area code.', params: { code: 'phone_length' } }),
);

/** The model year of the vehicle on the dealer's page. */
export const VehicleYear = z.int('The year must be a whole number.').check(z.gte(1900, 'The year must be 1900 or later.'), z.lte(2100, 'The year must be 2100 or earlier.'));

/**
 * `Idempotency-Key` header: printable ASCII, at most 64 characters. One per submission: the same key with
 * the same body returns the first answer instead of creating (and texting) again.
 */
export const IdempotencyKey = z.string().check(z.regex(/^[\x21-\x7E]{1,64}$/, 'At most 64 printable ASCII characters, no spaces.'));

export const SiteId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'Unknown site id format.'));

/**
 * JSON.parse keeps a `__proto__` key as an own property, but no plain object can hold one and zod's record
 * skips it without a word: refused here, before the record, so nothing the page sent is lost silently.
 * (A transform first: the OpenAPI document then describes the record.)
 */
const withoutProtoKey = z.transform((value: Record<string, string>, ctx) => {
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
    ctx.issues.push({ code: 'custom', path: ['__proto__'], message: '__proto__ cannot be a metadata key.', input: value });
  }
  return value;
});

export const Metadata = z.pipe(
  withoutProtoKey,
  z
    .record(
      z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,40}$/, 'Metadata keys: 1–40 letters, digits, _ . -')),
      text(256),
    )
    .check(z.refine((value) => Object.keys(value).length <= 10, 'At most 10 metadata entries.')),
);

/**
 * `POST /v1/sessions` body. Unknown fields are rejected: the browser never chooses theme, redirect,
 * SMS sender or any PAVE option — those come from the site configuration on the server.
 */
export const CreateSessionRequest = z
  .strictObject({
    delivery: z.enum(DELIVERIES, 'Choose "link" or "sms".'),
    phone: z.optional(Phone),
    vin: z.optional(Vin),
    name: z.optional(text(80)),
    language: z.optional(z.enum(LANGUAGES, `Language must be one of ${LANGUAGES.join(', ')}.`)),
    site: z.optional(SiteId),
    metadata: z.optional(Metadata),
    /** Year, make and model of the vehicle on the dealer's page, when the page knows them (PAVE pre-fills its results). */
    year: z.optional(VehicleYear),
    make: z.optional(text(60)),
    model: z.optional(text(60)),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.delivery === 'sms' && !body.phone) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'A phone number is needed to text the link.', input: body.phone, params: { code: 'required' } });
      }
    }),
  );
export type CreateSessionRequest = z.input<typeof CreateSessionRequest>;
export type ValidCreateSessionRequest = z.output<typeof CreateSessionRequest>;

/** `201` body of `POST /v1/sessions`. */
export const CreateSessionResponse = z.object({
  session_key: z.string(),
  capture_url: z.url({ protocol: /^https?$/ }),
  delivery: z.enum(DELIVERIES),
  /** Masked destination, e.g. "+1 ••• ••• 4567"; only for `sms`. */
  sms_to: z.optional(z.string()),
  /** Proof for the follow-up calls (status, resend): `Authorization: Bearer <ticket>`. */
  ticket: z.string(),
});
export type CreateSessionResponse = z.infer<typeof CreateSessionResponse>;

export const SESSION_STATUSES = ['IDLE', 'STARTED', 'PROCESS', 'QC_PASSED', 'CONFIRM', 'COMPLETE', 'EXPIRED', 'INVALID'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** `200` body of `GET /v1/sessions/:key/status`. */
export const SessionStatusResponse = z.object({
  status: z.enum(SESSION_STATUSES),
  updated_at: z.nullable(z.string()),
});
export type SessionStatusResponse = z.infer<typeof SessionStatusResponse>;

/**
 * Optional body of `POST /v1/sessions/:key/resend`: a corrected number to text instead ("change number").
 * No body (or `{}`) texts the number the link went to first.
 */
export const ResendRequest = z.strictObject({ phone: z.optional(Phone) });
export type ResendRequest = z.input<typeof ResendRequest>;

/** `200` body of `POST /v1/sessions/:key/resend`. */
export const ResendResponse = z.object({ sms_to: z.string() });
export type ResendResponse = z.infer<typeof ResendResponse>;

/**
 * One field's problem: its dotted `path`, a stable `code` from `contract/issues.ts` with that code's
 * parameters (e.g. `countries` for `country_not_allowed`), and the signer's English `message` as a fallback.
 */
export const ErrorIssue = z.object({
  path: z.string(),
  code: z.enum(ISSUE_CODES),
  message: z.string(),
  max: z.optional(z.number()),
  character: z.optional(z.string()),
  countries: z.optional(z.array(z.string())),
});
export type ErrorIssue = CodedIssue;

/**
 * Every 4xx/5xx body: a code to branch on, a message to show, per-field issues for `invalid_request` and
 * `upstream_rejected`, and `may_have_texted: true` when PAVE may have acted (a timeout or 5xx of an SMS
 * create): a retry may text the customer a second time (the answer's `Retry-After` says when it is safe).
 */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    issues: z.optional(z.array(ErrorIssue)),
    may_have_texted: z.optional(z.boolean()),
  }),
});
export type ErrorBody = { error: { code: z.infer<typeof ErrorBody>['error']['code']; message: string; issues?: ErrorIssue[]; may_have_texted?: boolean } };

type ZodIssueLike = {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  keys?: string[];
  /** What a size issue measured: `string`, `number`, `record`…; only a string's is a length. */
  origin?: string;
  maximum?: unknown;
  pattern?: string;
  params?: Record<string, unknown>;
  /** A record key's own issues (`invalid_key`): the key rule's, one level down. */
  issues?: ReadonlyArray<ZodIssueLike>;
};

const CONTROL_PATTERN = String(NO_CONTROL_CHARS);

/** The contract's issue code of one zod issue: its own `params.code` when a check set one, else by kind. */
function issueOf(issue: ZodIssueLike, path: string): ErrorIssue {
  const { message } = issue;
  const own = issue.params?.code as IssueCode | undefined;
  if (own && (ISSUE_CODES as readonly string[]).includes(own)) {
    const character = issue.params?.character;
    return { path, code: own, message, ...(typeof character === 'string' ? { character } : {}) } as ErrorIssue;
  }
  if (issue.code === 'too_big' && issue.origin === 'string' && typeof issue.maximum === 'number') return { path, code: 'too_long', message, max: issue.maximum };
  if (issue.code === 'invalid_format' && issue.pattern === CONTROL_PATTERN) return { path, code: 'control_characters', message };
  if (issue.code === 'invalid_format' && path === 'phone') return { path, code: 'phone_characters', message };
  return { path, code: 'invalid', message };
}

/** Turns zod issues into the contract's `issues` array (`path` as a dotted string, each with its code). */
export function toIssues(issues: ReadonlyArray<ZodIssueLike>): ErrorIssue[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    // Name each unknown field on its own, so a form can point at it.
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, code: 'unknown_field' as const, message: 'Unknown field.' }));
    }
    // A record key that fails its rule: zod says "Invalid input" and puts the rule's words one level down.
    const keyIssue = issue.code === 'invalid_key' ? issue.issues?.[0] : undefined;
    return [issueOf(keyIssue ?? issue, path)];
  });
}
