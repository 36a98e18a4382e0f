/**
 * The slice of the Cloudflare Durable Object API the signer uses, typed here so the project needs no
 * Workers type package and tests can pass doubles. Names and shapes follow Cloudflare's (and workerd's).
 * @see https://developers.cloudflare.com/durable-objects/api/
 */

/** An object's own storage: transactional key-value, with one alarm. */
export interface DurableObjectStorageLike {
  get<T>(keys: string[]): Promise<Map<string, T>>;
  put<T>(entries: Record<string, T>): Promise<void>;
  delete(keys: string[]): Promise<number>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
  getAlarm(): Promise<number | null>;
  setAlarm(scheduledTime: number): Promise<void>;
}

/** What the runtime hands a Durable Object's constructor. */
export interface DurableObjectStateLike {
  storage: DurableObjectStorageLike;
}

/** A stub: the one way to reach an object. Valid only during the request that made it. */
export interface DurableObjectStubLike {
  fetch(input: string, init: RequestInit): Promise<Response>;
}

/** A binding such as `SIGNER_STATE` (wrangler.toml's `[[durable_objects.bindings]]`). */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: never): DurableObjectStubLike;
}

/** Whether a binding's value is a Durable Object namespace (and not, say, a var of the same name). */
export function isDurableObjectNamespace(value: unknown): value is DurableObjectNamespaceLike {
  return typeof (value as DurableObjectNamespaceLike | undefined)?.idFromName === 'function' && typeof (value as DurableObjectNamespaceLike).get === 'function';
}

/**
 * The stub of the object named `name`, made now — never kept: a stub made during one request fails in the
 * next ("Cannot perform I/O on behalf of a different request"), so stores take one per operation.
 */
export function stubOf(namespace: DurableObjectNamespaceLike, name: string): DurableObjectStubLike {
  return namespace.get(namespace.idFromName(name) as never);
}
