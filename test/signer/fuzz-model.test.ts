/**
 * A model check of the create and its follow-ups (issue 16 item 2), against the in-process sandbox:
 * - every field of the create generated from valid through malformed (`test/fixtures/fuzz-fields.ts`):
 *   a 400 names exactly the fields the model refuses and reaches no PAVE; on every 201 the body PAVE
 *   received is exactly the model's mapping of what was sent, and the text (if any) went to that number;
 * - status and resend with the create's valid ticket (and with a forged one);
 * - each of the sandbox's fault modes on the create, the status and the resend: the contract's code.
 * Each run gets a fresh stack, so no run's limits or idempotent answers reach into another.
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=… npx vitest run test/signer/fuzz-model.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CreateSessionResponse, ErrorBody, SessionStatusResponse } from '../../contract/schema.ts';
import { FAULT_MODES, type FaultMode } from '../../demo/sandbox/faults.ts';
import { createDefendedStack } from '../fixtures/defended-stack.ts';
import { createBody, expectedOutcome, masked, phoneRequiredMayBeSkipped, TEXTABLE } from '../fixtures/fuzz-fields.ts';

const RUNS = Number(process.env.FUZZ_MODEL_RUNS ?? 400);
const FAULT_RUNS = Number(process.env.FUZZ_FAULT_RUNS ?? 20);

/** Ceilings out of the way: each run is one customer's create and follow-ups. */
const ENV = { RATE_LIMIT_IP: '1000', RATE_LIMIT_PHONE: '1000', RATE_LIMIT_SITE: '1000' };

type Stack = ReturnType<typeof createDefendedStack>;

async function errorOf(response: Response) {
  const parsed = ErrorBody.safeParse(await response.json());
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  return parsed.data!.error;
}

const creates = (stack: Stack) => stack.paveCalls().filter((call) => call.method === 'POST' && call.path === '/v1/sessions');

const swap = (char: string) => (char === 'A' ? 'B' : 'A');
/** A ticket with its first character changed: the same shape, another MAC. */
const forged = (ticket: string) => `${swap(ticket[0]!)}${ticket.slice(1)}`;
/** The same MAC spelled otherwise: the last character's 2 spare bits set (atob would not mind). */
const respelled = (ticket: string) => `${ticket.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(ticket.at(-1)!) ^ 1]}`;

async function followUps(stack: Stack, created: { session_key: string; ticket: string; delivery: string }, e164: string | undefined) {
  const { session_key: key, ticket } = created;
  const status = await stack.status(key, ticket);
  expect(status.status).toBe(200);
  const answer = SessionStatusResponse.parse(await status.json());
  expect(answer.status).toBe(stack.sandbox.store.sessions.get(key)!.status);
  for (const wrong of [forged(ticket), respelled(ticket), undefined]) {
    const refused = await stack.status(key, wrong);
    expect([refused.status, (await errorOf(refused)).code]).toEqual([404, 'unknown_session']);
  }
  const forgedResend = await stack.resend(key, forged(ticket));
  expect([forgedResend.status, (await errorOf(forgedResend)).code]).toEqual([404, 'unknown_session']);

  const texts = () => stack.sandbox.store.outbox.filter((text) => text.session_key === key);
  if (e164) {
    // The number the link went to, again; PAVE allows one resend.
    const again = await stack.resend(key, ticket);
    expect([again.status, await again.json()]).toEqual([200, { sms_to: masked(e164) }]);
    expect(texts().map((text) => [text.kind, text.to])).toEqual([['create', e164], ['resend', e164]]);
    const twice = await stack.resend(key, ticket);
    expect([twice.status, (await errorOf(twice)).code]).toEqual([409, 'resend_not_allowed']);
  } else {
    // A link was never texted: nothing to text again, until the customer gives a number.
    const nothing = await stack.resend(key, ticket);
    expect([nothing.status, (await errorOf(nothing)).code]).toEqual([409, 'resend_not_allowed']);
    const [typed, number] = Object.entries(TEXTABLE)[0]!;
    const first = await stack.resend(key, ticket, { phone: typed });
    expect([first.status, await first.json()]).toEqual([200, { sms_to: masked(number) }]);
    expect(texts().map((text) => [text.kind, text.to])).toEqual([['resend', number]]);
  }
  expect(creates(stack)).toHaveLength(1); // follow-ups never create
}

describe('the create, modelled field by field', () => {
  it(`answers as the model says and sends PAVE exactly its mapping, over ${RUNS} bodies`, async () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(createBody, async (body) => {
        const stack = createDefendedStack({ env: ENV });
        const response = await stack.post(body);
        const expected = expectedOutcome(body);
        const shown = `${JSON.stringify(body)} → ${response.status}`;
        expect(response.status, shown).toBe(expected.status);
        if (expected.status === 400) {
          const error = await errorOf(response);
          expect(error.code).toBe('invalid_request');
          const fields = [...new Set(error.issues!.map((issue) => issue.path.split('.')[0]!))].sort();
          const skipped = phoneRequiredMayBeSkipped(body, expected.refused) && !fields.includes('phone');
          expect(fields, shown).toEqual(skipped ? expected.refused.filter((field) => field !== 'phone') : expected.refused);
          for (const field of expected.refused) count(`refused ${field}`);
          expect(creates(stack)).toEqual([]);
          return;
        }
        if (expected.status === 404) {
          expect((await errorOf(response)).code).toBe(expected.code);
          expect(creates(stack)).toEqual([]);
          count('unknown_site');
          return;
        }
        const created = CreateSessionResponse.parse(await response.json());
        expect(created.delivery).toBe(expected.delivery);
        expect(created.sms_to).toBe(expected.e164 && masked(expected.e164));
        const sent = creates(stack);
        expect(sent.map((call) => call.body), shown).toEqual([expected.pave]);
        const firstTexts = stack.sandbox.store.outbox.map((text) => [text.kind, text.to]);
        expect(firstTexts).toEqual(expected.e164 ? [['create', expected.e164]] : []);
        for (const field of Object.keys(body)) count(`201 with ${field}`);
        await followUps(stack, created, expected.e164);
      }),
      { numRuns: RUNS },
    );
    // Every field was both refused and carried to PAVE, so neither side of any rule went untested.
    for (const field of ['delivery', 'phone', 'vin', 'name', 'language', 'site', 'metadata', 'year', 'make', 'model']) {
      if (field !== 'delivery' && field !== 'site') expect(seen.get(`201 with ${field}`), `${field} never reached PAVE: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
      expect(seen.get(`refused ${field}`), `${field} never refused: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
    expect(seen.get('unknown_site'), JSON.stringify([...seen])).toBeGreaterThan(0);
  }, 240_000);
});

// ---- the sandbox's fault modes ---------------------------------------------------------------------------

/** What the contract answers each fault of PAVE's: a broken answer is 502, a late or missing one 504. */
const FAULT_CODES: Record<FaultMode, [number, string]> = {
  error: [502, 'upstream_error'],
  garbage: [502, 'upstream_error'],
  reset: [502, 'upstream_error'],
  slow: [504, 'upstream_timeout'], // slower than PAVE_TIMEOUT_MS
  hang: [504, 'upstream_timeout'],
};
const ROUTES = ['create link', 'create sms', 'status', 'resend'] as const;
/** The budget of one PAVE call: a busy machine's healthy call fits in it, and a `slow` fault's 60 s does not. */
const TIMEOUT_MS = 1000;

/** The route's call with the fault on PAVE's next answer (for status and resend, after a healthy create). */
async function faulted(stack: Stack, mode: FaultMode, route: (typeof ROUTES)[number], body: Record<string, unknown>): Promise<Response> {
  if (route.startsWith('create')) {
    stack.sandbox.faults.set(mode, { times: 1, delayMs: 60_000 });
    return stack.post(body);
  }
  const created = CreateSessionResponse.parse(await (await stack.post(body)).json());
  stack.sandbox.faults.set(mode, { times: 1, delayMs: 60_000 });
  return route === 'status' ? stack.status(created.session_key, created.ticket) : stack.resend(created.session_key, created.ticket);
}

describe('PAVE misbehaving, on every route', () => {
  it(`answers each fault mode with the contract's code, over ${FAULT_RUNS} runs`, async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FAULT_MODES), fc.constantFrom(...ROUTES), createBody, async (mode, route, extra) => {
        const stack = createDefendedStack({ env: { ...ENV, PAVE_TIMEOUT_MS: String(TIMEOUT_MS) } });
        // A valid body of the route's kind, with whatever else the generator added that the model takes.
        const base = route === 'create link' ? { delivery: 'link' } : { delivery: 'sms', phone: '2025550143' };
        const body = expectedOutcome({ ...extra, ...base }).status === 201 ? { ...extra, ...base } : base;
        const response = await faulted(stack, mode, route, body);
        const error = await errorOf(response);
        expect([response.status, error.code], `${mode} on ${route}`).toEqual(FAULT_CODES[mode]);
        // Only a text PAVE may have sent is flagged: never for a link, always for a late SMS create.
        if (route === 'create link') expect(error.may_have_texted).toBeUndefined();
        if (route === 'create sms' && FAULT_CODES[mode][0] === 504) expect(error.may_have_texted).toBe(true);
        if (route.startsWith('create')) expect(creates(stack).length).toBeLessThanOrEqual(1); // never sent twice
        seen.add(`${mode} ${route}`);
        stack.sandbox.faults.clear();
      }),
      { numRuns: FAULT_RUNS },
    );
    expect([...seen].length).toBeGreaterThan(FAULT_RUNS / 3); // many of the 20 mode × route pairs were met
  }, 240_000);

  it.each(FAULT_MODES.flatMap((mode) => ROUTES.map((route) => [mode, route] as const)))('%s on %s', async (mode, route) => {
    // Every pair at least once, whatever the property drew.
    const stack = createDefendedStack({ env: { ...ENV, PAVE_TIMEOUT_MS: String(TIMEOUT_MS) } });
    const body = route === 'create link' ? { delivery: 'link' } : { delivery: 'sms', phone: '2025550143' };
    const response = await faulted(stack, mode, route, body);
    expect([response.status, (await errorOf(response)).code]).toEqual(FAULT_CODES[mode]);
  }, 30_000);
});
