/**
 * `SignerState`: the Durable Object that holds what every isolate of the Worker must share — rate-limit
 * counters and idempotent answers — behind the stores of `limits.ts` and `idempotency.ts`. Each object is
 * one single-threaded owner of its keys: a take or a set-if-absent reads and writes its storage with no
 * other call in between (the runtime's input gates hold other events while storage is awaited), so of any
 * number of concurrent callers, in any isolate, exactly the allowed ones get through.
 *
 * State is in the object's durable storage (it survives restarts and deploys), swept by the object's alarm
 * once logs and records have expired. Which object holds which key is the stores' choice.
 * @see https://developers.cloudflare.com/durable-objects/
 */
import type { IdempotencyRecord } from '../idempotency/store.ts';
import type { DurableObjectStateLike, DurableObjectStorageLike } from './api.ts';
import { OPERATIONS, type Operation, type OperationBody } from './protocol.ts';
import { logExpiresAt, takeHits, withoutHit, type StoredLog } from './sliding-log.ts';

/** Storage key prefixes: a counter's log, an idempotent answer. */
const LOG = 'rl:';
const RECORD = 'idem:';
/** A busy object sweeps at most this often. */
const MIN_SWEEP_GAP_MS = 10_000;

interface StoredRecord {
  record: IdempotencyRecord;
  expiresAt: number;
}

/**
 * The object's behaviour over any storage and clock (the class below passes the runtime's; tests pass a
 * Map-backed double and a fake clock).
 * @example const handler = createStateHandler({ storage: state.storage, now: Date.now }); await handler.fetch(request);
 */
export function createStateHandler({ storage, now }: { storage: DurableObjectStorageLike; now: () => number }) {
  /** Wakes the object at `at` unless it already wakes earlier. */
  const wakeBy = async (at: number) => {
    const current = await storage.getAlarm();
    if (current === null || current > at) await storage.setAlarm(Math.max(at, now() + 1));
  };
  const liveRecord = async (key: string): Promise<StoredRecord | undefined> => {
    const stored = (await storage.get<StoredRecord>([RECORD + key])).get(RECORD + key);
    return stored && stored.expiresAt > now() ? stored : undefined;
  };
  const putRecord = async (key: string, record: IdempotencyRecord, ttlMs: number) => {
    const expiresAt = now() + ttlMs;
    await storage.put({ [RECORD + key]: { record, expiresAt } satisfies StoredRecord });
    await wakeBy(expiresAt);
  };

  const operations: { [Op in Operation]: (body: OperationBody<Op>) => Promise<unknown> } = {
    async take({ checks, nowMs }) {
      const stored = await storage.get<StoredLog>(checks.map((check) => LOG + check.key));
      const logs = new Map([...stored].map(([key, log]) => [key.slice(LOG.length), log]));
      const { verdict, writes } = takeHits(logs, checks, nowMs);
      if (writes.size) {
        await storage.put(Object.fromEntries([...writes].map(([key, log]) => [LOG + key, log])));
        await wakeBy(Math.min(...[...writes.values()].map(logExpiresAt)));
      }
      return verdict;
    },
    async peek({ checks, nowMs }) {
      const stored = await storage.get<StoredLog>(checks.map((check) => LOG + check.key));
      return takeHits(new Map([...stored].map(([key, log]) => [key.slice(LOG.length), log])), checks, nowMs).verdict;
    },
    async release({ keys, at }) {
      const stored = await storage.get<StoredLog>(keys.map((key) => LOG + key));
      const puts: Record<string, StoredLog> = {};
      const deletes: string[] = [];
      for (const [key, log] of stored) {
        const released = withoutHit(log, at);
        if (released?.hits.length) puts[key] = released;
        else if (released) deletes.push(key);
      }
      if (Object.keys(puts).length) await storage.put(puts);
      if (deletes.length) await storage.delete(deletes);
      return { released: Object.keys(puts).length + deletes.length };
    },
    async get({ key }) {
      return { record: (await liveRecord(key))?.record ?? null };
    },
    async set({ key, record, ttlMs }) {
      await putRecord(key, record, ttlMs);
      return {};
    },
    async add({ key, record, ttlMs }) {
      if (await liveRecord(key)) return { added: false };
      await putRecord(key, record, ttlMs);
      return { added: true };
    },
    async delete({ key }) {
      await storage.delete([RECORD + key]);
      return {};
    },
  };

  return {
    /** One operation: `POST /<operation>` with its JSON body (see `protocol.ts`). */
    async fetch(request: Request): Promise<Response> {
      const op = new URL(request.url).pathname.slice(1) as Operation;
      if (request.method !== 'POST' || !Object.hasOwn(OPERATIONS, op)) return new Response('no such operation', { status: 404 });
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return new Response('body is not JSON', { status: 400 });
      }
      const parsed = OPERATIONS[op].safeParse(body);
      if (!parsed.success) return new Response(`invalid ${op}`, { status: 400 });
      return Response.json(await operations[op](parsed.data as never));
    },

    /** Deletes expired logs and records; wakes again for the next one to expire. */
    async alarm(): Promise<void> {
      const at = now();
      const logs = await storage.list<StoredLog>({ prefix: LOG });
      const records = await storage.list<StoredRecord>({ prefix: RECORD });
      const expiries = new Map<string, number>([
        ...[...logs].map(([key, log]) => [key, logExpiresAt(log)] as const),
        ...[...records].map(([key, stored]) => [key, stored.expiresAt] as const),
      ]);
      const expired = [...expiries].filter(([, expiresAt]) => expiresAt <= at).map(([key]) => key);
      // storage.delete takes at most 128 keys a call.
      for (let start = 0; start < expired.length; start += 128) await storage.delete(expired.slice(start, start + 128));
      const next = Math.min(...[...expiries.values()].filter((expiresAt) => expiresAt > at));
      if (Number.isFinite(next)) await storage.setAlarm(Math.max(next, at + MIN_SWEEP_GAP_MS));
    },
  };
}

/**
 * The Durable Object class, exported by `signer/worker.ts` and bound as `SIGNER_STATE` (see `wrangler.toml`).
 * @example
 * // wrangler.toml
 * [[durable_objects.bindings]]
 * name = "SIGNER_STATE"
 * class_name = "SignerState"
 */
export class SignerState {
  readonly #handler: ReturnType<typeof createStateHandler>;

  constructor(state: DurableObjectStateLike) {
    this.#handler = createStateHandler({ storage: state.storage, now: Date.now });
  }

  fetch(request: Request): Promise<Response> {
    return this.#handler.fetch(request);
  }

  alarm(): Promise<void> {
    return this.#handler.alarm();
  }
}
