/**
 * A `SignerState` namespace in this process, for tests without workerd: one `createStateHandler` per object
 * name over a Map-backed storage that copies values like the real one, and — standing in for the
 * runtime's input gates — one call at a time per object. Counts calls per object, and can be told to fail.
 */
import type { DurableObjectNamespaceLike, DurableObjectStorageLike } from '../../../../signer/stores/durable-object/api.ts';
import { createStateHandler } from '../../../../signer/stores/durable-object/signer-state.ts';

export function memoryStorage(): DurableObjectStorageLike & { entries: Map<string, unknown>; alarm: number | null } {
  const entries = new Map<string, unknown>();
  const storage = {
    entries,
    alarm: null as number | null,
    async get<T>(keys: string[]) {
      return new Map(keys.filter((key) => entries.has(key)).map((key) => [key, structuredClone(entries.get(key)) as T]));
    },
    async put<T>(values: Record<string, T>) {
      for (const [key, value] of Object.entries(values)) entries.set(key, structuredClone(value));
    },
    async delete(keys: string[]) {
      if (keys.length > 128) throw new Error('delete takes at most 128 keys');
      return keys.filter((key) => entries.delete(key)).length;
    },
    async list<T>({ prefix }: { prefix: string }) {
      return new Map([...entries].filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key, structuredClone(value) as T]));
    },
    async getAlarm() {
      return storage.alarm;
    },
    async setAlarm(at: number) {
      storage.alarm = at;
    },
  };
  return storage;
}

export function fakeNamespace(options: { now?: () => number } = {}) {
  const objects = new Map<string, { handler: ReturnType<typeof createStateHandler>; storage: ReturnType<typeof memoryStorage>; queue: Promise<unknown> }>();
  const calls = new Map<string, number>();
  let failing: ((name: string) => boolean) | undefined;

  const object = (name: string) => {
    let found = objects.get(name);
    if (!found) {
      const storage = memoryStorage();
      found = { handler: createStateHandler({ storage, now: options.now ?? Date.now }), storage, queue: Promise.resolve() };
      objects.set(name, found);
    }
    return found;
  };

  const namespace: DurableObjectNamespaceLike = {
    idFromName: (name) => name,
    get: (id) => ({
      fetch(input, init) {
        const name = id as unknown as string;
        calls.set(name, (calls.get(name) ?? 0) + 1);
        if (failing?.(name)) return Promise.reject(new Error(`object ${name} is unreachable`));
        const target = object(name);
        const answer = target.queue.then(() => target.handler.fetch(new Request(input, init)));
        target.queue = answer.catch(() => {});
        return answer;
      },
    }),
  };

  return {
    namespace,
    /** The objects reached so far, by name. */
    objects,
    calls: (name: string) => calls.get(name) ?? 0,
    totalCalls: () => [...calls.values()].reduce((sum, count) => sum + count, 0),
    /** Makes calls to the objects `when` picks fail (an object that cannot be reached). */
    fail(when: ((name: string) => boolean) | undefined) {
      failing = when;
    },
  };
}
