/**
 * Property-based fuzzing with fast-check against the in-process app and sandbox: at least 10 000
 * generated requests — methods, paths, origins, content types, headers and bodies from valid through
 * malformed to hostile — per run. For every one of them:
 * - no 5xx (the sandbox is healthy, so any 5xx would be the signer breaking);
 * - every error is the contract's envelope, its code one of the contract's, with that code's status,
 *   a human message and no internals;
 * - the sandbox (PAVE) is reached exactly when the answer is 201 — never for an invalid request;
 * - secure headers, and CORS only for the site's own origin.
 * A second property turns the bot check on and the ceilings down, so 403 bot_check_failed and 429 appear.
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=… npx vitest run test/signer/fuzz.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '../../contract/errors.ts';
import { CreateSessionResponse, ErrorBody, MAX_BODY_BYTES } from '../../contract/schema.ts';
import { CLIENT_IP_HEADER, createDefendedStack, ORIGIN } from '../fixtures/defended-stack.ts';
import { TURNSTILE_FAKE_URL, TURNSTILE_TEST_SECRET } from '../fixtures/turnstile.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

// ---- generators -------------------------------------------------------------------------------------

const weighted = <T,>(...pairs: Array<[number, fc.Arbitrary<T>]>) => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** Strings an attacker would try: control and format characters, lone surrogates, huge, injection-shaped. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0007b', '\u202eevil', 'x\u200dy', 'line\u2028sep', '\ud800', 'é'.repeat(81), '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '%00', '../../etc/passwd', '__proto__', 'constructor'),
  fc.string({ minLength: 200, maxLength: 400 }),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const phone = weighted<unknown>(
  [4, fc.constantFrom('2025550143', '(202) 555-0143', '+1 202 555 0143', '+1-647-455-1234', '202.555.0144', '+33 6 12 34 56 78', '+44 7700 900123', '555-0143', '+1 900 555 0143', '1-800-555-0199')],
  [2, fc.stringMatching(/^\+?[\d\s().\-/]{0,36}$/)],
  [1, junk],
);
const vin = weighted<unknown>(
  [4, fc.constantFrom('1HGCM82633A004352', '1hgcm82633a004352', '1HG-CM826-33A004352', 'WVWZZZ1JZXW000001', '1HGCM82634A004352', '1HGCM82633A00435O', '1HGCM8263')],
  [2, fc.stringMatching(/^[A-Za-z0-9 -]{0,45}$/)],
  [1, junk],
);
const metadata = weighted<unknown>(
  [3, fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_.-]{1,42}$/), fc.string({ maxLength: 260 }), { maxKeys: 12 })],
  [1, fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 4 })],
  [1, junk],
);

/** A request body as an object: any subset of the contract's fields, each valid or not, maybe with strangers. */
const bodyObject = fc
  .record(
    {
      delivery: weighted<unknown>([6, fc.constantFrom('link', 'sms')], [1, fc.constantFrom('LINK', 'email', '')], [1, junk]),
      phone,
      vin,
      name: weighted<unknown>([3, fc.string({ maxLength: 90 })], [1, junk]),
      language: weighted<unknown>([3, fc.constantFrom('en', 'fr', 'es')], [1, fc.constantFrom('de', 'EN', 'en-US')], [1, junk]),
      site: weighted<unknown>([3, fc.constant('default')], [1, fc.constantFrom('elsewhere', 'b', 'DEFAULT')], [1, junk]),
      metadata,
    },
    { requiredKeys: [] },
  )
  .chain((fields) =>
    weighted<Record<string, unknown>>(
      [8, fc.constant(fields)],
      [2, fc.dictionary(fc.constantFrom('theme', 'redirect_url', 'sms', 'session', 'api_key', '__proto__', 'constructor', 'toString', 'Delivery'), junk, { minKeys: 1, maxKeys: 2 }).map((extra) => ({ ...fields, ...extra }))],
    ),
  );

/** Bodies a real widget would send, so the success path (site rules, PAVE payload, answer) is fuzzed too. */
const plausibleObject = fc.record(
  {
    delivery: fc.constantFrom('link', 'sms'),
    phone: fc.constantFrom('2025550143', '(202) 555-0143', '+1 647 455 1234', '+44 7700 900123', '555-0143'),
    vin: fc.constantFrom('1HGCM82633A004352', '1hg cm826 33a004352', 'WVWZZZ1JZXW000001'),
    name: fc.string({ maxLength: 80 }),
    language: fc.constantFrom('en', 'fr', 'es'),
    site: fc.constant('default'),
    metadata: fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/), fc.string({ maxLength: 256 }), { maxKeys: 10 }),
  },
  { requiredKeys: ['delivery'] },
);

/** The bytes on the wire: mostly JSON of such objects, also broken, oversized and non-object JSON. */
const bodyText = weighted<string>(
  [12, bodyObject.map((object) => JSON.stringify(object))],
  [6, plausibleObject.map((object) => JSON.stringify(object))],
  [1, bodyObject.map((object) => JSON.stringify(object).replace(/^\{/, '{"__proto__":{"polluted":1},'))],
  [1, fc.tuple(bodyObject, fc.nat()).map(([object, cut]) => { const text = JSON.stringify(object); return text.slice(0, cut % Math.max(1, text.length)); })],
  [1, bodyObject.map((object) => JSON.stringify({ ...object, pad: 'x'.repeat(MAX_BODY_BYTES) }))],
  [1, fc.constantFrom('', 'null', '[]', '42', '"link"', 'true', '{', '{"delivery":"link",}', "{'delivery':'link'}", '{"delivery":"link","x":NaN}', '[{"delivery":"link"}]')],
  [1, fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value))],
  [1, hostileString],
  [1, fc.integer({ min: 2, max: 2000 }).map((depth) => `{"delivery":"link","metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`)],
);

/** A header value a real client can send (printable ASCII and Latin-1, no CR/LF/NUL). */
const headerValue = fc.stringMatching(/^[\x20-\x7e\xa0-\xff]{0,80}$/);

const request = fc.record({
  method: weighted<string>([10, fc.constant('POST')], [1, fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD')]),
  path: weighted<string>(
    [10, fc.constant('/v1/sessions')],
    [1, fc.constantFrom('/v1/sessions/', '/v1/sessions?x=1', '/V1/SESSIONS', '/v1/sessions/DMO-ABCDEFGHJK/status', '/v1/sessions/x/resend', '/v1', '/v2/sessions', '/', '/healthz', '/v1/sessions/%00', '/v1/sessions/..%2f..%2fetc', '/_sandbox/outbox')],
  ),
  origin: weighted<string | undefined>(
    [10, fc.constant(ORIGIN)],
    [1, fc.constantFrom(undefined, 'https://evil.example', 'null', `${ORIGIN}/`, 'http://www.dealer.example', ORIGIN.toUpperCase())],
    [1, headerValue],
  ),
  contentType: weighted<string | undefined>(
    [10, fc.constantFrom('application/json', 'application/json; charset=utf-8')],
    [1, fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp', 'APPLICATION/JSON')],
    [1, headerValue],
  ),
  extra: fc.record(
    {
      'Idempotency-Key': headerValue,
      'X-Turnstile-Token': headerValue,
      Authorization: headerValue,
      'X-Forwarded-For': headerValue,
      Accept: headerValue,
      [CLIENT_IP_HEADER]: fc.oneof(fc.ipV4(), fc.ipV6(), headerValue),
    },
    { requiredKeys: [] },
  ),
  body: bodyText,
});

// ---- the properties ---------------------------------------------------------------------------------

const BODYLESS = new Set(['GET', 'HEAD']);
const STACK_TRACE = /\n\s+at |\.ts:\d+|Error:|undefined|\[object /;

type Stack = ReturnType<typeof createDefendedStack>;

type GeneratedRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** Sends one generated request and checks every invariant; returns the status and error code. */
async function exercise(stack: Stack, input: GeneratedRequest) {
  const headers: Record<string, string> = { ...(input.extra as Record<string, string>) };
  if (input.origin !== undefined) headers.Origin = input.origin;
  if (input.contentType !== undefined) headers['Content-Type'] = input.contentType;
  const before = stack.paveCalls().length;
  const response = await stack.app.request(input.path, { method: input.method, headers, body: BODYLESS.has(input.method) ? undefined : input.body });
  const reached = stack.paveCalls().length - before;
  const text = await response.text();

  expect(response.status, text).toBeLessThan(500);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  // A repeat of an earlier create (same Idempotency-Key, or same site + phone + VIN) is answered from the store.
  const replayed = response.headers.get('Idempotent-Replayed') === 'true';
  expect(reached, `PAVE reached ${reached}× for a ${response.status}${replayed ? ' (replayed)' : ''}`).toBe(response.status === 201 && !replayed ? 1 : 0);

  const allowOrigin = response.headers.get('Access-Control-Allow-Origin');
  // A foreign page may read its refusal (`*`, which carries nothing but the code), never an answer.
  if (input.origin === ORIGIN && allowOrigin !== null) expect(allowOrigin).toBe(ORIGIN);
  if (input.origin !== ORIGIN && allowOrigin !== null) {
    expect(allowOrigin).toBe('*');
    expect(input.method === 'OPTIONS' || response.status === 403).toBe(true);
  }
  if (input.origin === undefined) expect(allowOrigin).toBeNull();

  // HEAD answers carry headers only: the status and headers above are all there is to check.
  if (input.method === 'HEAD') return { status: response.status, code: undefined };
  if (response.status === 201) {
    expect(CreateSessionResponse.safeParse(JSON.parse(text)).success).toBe(true);
    return { status: 201, code: undefined };
  }
  if (response.status < 400) return { status: response.status, code: undefined };

  expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
  const parsed = ErrorBody.safeParse(JSON.parse(text));
  expect(parsed.success, text).toBe(true);
  const { code, message, issues } = parsed.data!.error;
  expect(ERROR_CODES).toContain(code);
  expect(ERROR_STATUS[code]).toBe(response.status);
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(STACK_TRACE);
  for (const issue of issues ?? []) expect(issue.message).not.toMatch(STACK_TRACE);
  if (response.status === 429) expect(Number(response.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  return { status: response.status, code };
}

describe('fuzzing the signer', () => {
  it(`keeps every promise over ${RUNS} generated requests`, async () => {
    const stack = createDefendedStack({ env: { RATE_LIMIT_IP: '1000000', RATE_LIMIT_PHONE: '1000000', RATE_LIMIT_SITE: '1000000', RATE_LIMIT_SITE_DAY: '100000' } });
    const codes = new Map<ErrorCode | 201, number>();
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const { status, code } = await exercise(stack, input);
        const key = code ?? (status === 201 ? 201 : undefined);
        if (key !== undefined) codes.set(key, (codes.get(key) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // The generators reach every refusal a create can meet without limits or bot check, and success.
    for (const expected of [201, 'invalid_request', 'invalid_json', 'origin_not_allowed', 'unknown_site', 'payload_too_large', 'unsupported_media_type', 'not_found'] as const) {
      expect(codes.get(expected), `${expected} never seen: ${JSON.stringify([...codes])}`).toBeGreaterThan(0);
    }
  }, 180_000);

  it('keeps them with the bot check on and tight ceilings', async () => {
    const stack = createDefendedStack({
      env: { TURNSTILE_SECRET: TURNSTILE_TEST_SECRET, TURNSTILE_VERIFY_URL: TURNSTILE_FAKE_URL, RATE_LIMIT_IP: '2', RATE_LIMIT_PHONE: '2', RATE_LIMIT_SITE: '5' },
    });
    // Most requests come from three addresses, so the per-IP ceiling is met whatever the seed (random
    // addresses alone would almost never repeat one).
    const client = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('198.51.100.1', '198.51.100.2', '2001:db8::1') }, { weight: 1, arbitrary: fc.ipV4() });
    const withToken = request.chain((input) =>
      fc
        .tuple(fc.oneof(fc.constant(undefined), fc.constant('pass:www.dealer.example'), fc.constant('fail'), fc.uuid().map((id) => `pass:www.dealer.example/${id}`)), client)
        .map(([token, ip]) => ({ ...input, extra: { ...input.extra, [CLIENT_IP_HEADER]: ip, ...(token === undefined ? {} : { 'X-Turnstile-Token': token }) } })),
    );
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(withToken, async (input) => {
        const { code } = await exercise(stack, input);
        if (code) codes.add(code);
        stack.clock.advance(250); // a quarter second between requests: windows open and close during the run
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
    expect([...codes]).toEqual(expect.arrayContaining(['bot_check_failed', 'rate_limited', 'invalid_request', 'origin_not_allowed']));
  }, 120_000);
});
