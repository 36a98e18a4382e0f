/**
 * What the stores say to `SignerState`: one POST per operation, a JSON body in, a JSON answer out. One
 * schema per operation, read by the object (an unreadable call is a `400`, never a crash) and typing the
 * stores' calls. Internal: only this Worker's own stores reach the object, through its binding.
 */
import * as z from 'zod/mini';
import type { DurableObjectStubLike } from './api.ts';

const check = z.object({ key: z.string(), limit: z.number().check(z.int(), z.positive()), windowMs: z.number().check(z.int(), z.positive()) });
const answer = z.object({ status: z.number(), body: z.unknown() });
const record = z.union([
  z.object({ state: z.literal('pending'), request: z.string() }),
  z.object({ state: z.literal('done'), request: z.string(), answer }),
]);
const ttl = z.number().check(z.nonnegative());

/** Each operation's body. */
export const OPERATIONS = {
  /** All-or-nothing take of one hit under every key (`LimitStore.take`). */
  take: z.object({ checks: z.array(check), nowMs: z.number() }),
  /** The verdict a take would give, recording nothing (`LimitStore.peek`). */
  peek: z.object({ checks: z.array(check), nowMs: z.number() }),
  /** Gives back one hit logged at `at` under each key: a take that spanned several objects and was refused elsewhere. */
  release: z.object({ keys: z.array(z.string()), at: z.number() }),
  get: z.object({ key: z.string() }),
  set: z.object({ key: z.string(), record, ttlMs: ttl }),
  add: z.object({ key: z.string(), record, ttlMs: ttl }),
  delete: z.object({ key: z.string() }),
};

export type Operation = keyof typeof OPERATIONS;
export type OperationBody<Op extends Operation> = z.infer<(typeof OPERATIONS)[Op]>;

/** The path of an operation; the host is never looked at. */
export const operationUrl = (op: Operation) => `https://signer-state/${op}`;

/**
 * Calls one operation on `stub` and returns its JSON answer; a refusal or a broken answer throws, and the
 * stores' callers turn that into the contract's `502` (fail closed, D12).
 * @example const verdict = await callState(stubOf(namespace, 'limits'), 'take', { checks, nowMs });
 */
export async function callState<Op extends Operation>(stub: DurableObjectStubLike, op: Op, body: OperationBody<Op>): Promise<unknown> {
  const response = await stub.fetch(operationUrl(op), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`SignerState ${op} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response.json();
}
