/**
 * A bounded map that drops its least recently used entry: what the memory stores and the status cache
 * keep their entries in, on every runtime. A `Map` already is one — it iterates in insertion order, and
 * deleting then setting a key moves it to the end — so every operation is O(1) (amortised: V8 compacts
 * deleted slots when it resizes), with no walk to find the oldest entry and nothing to install: the edge
 * bundle stays small (issue 14; it was `lru-cache`, some 6 KB gz of a Worker).
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #max: number;

  constructor({ max }: { max: number }) {
    if (!(Number.isInteger(max) && max >= 1)) throw new RangeError(`Lru: max must be a positive integer (got ${max}).`);
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value under `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key) as V;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** The value under `key`, its place left as it is. */
  peek(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Stores `value` as the most recently used; past `max`, the least recently used entry goes. */
  set(key: K, value: V): this {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) this.pop();
    return this;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** The least recently used key, or `undefined` when empty. */
  oldest(): K | undefined {
    for (const key of this.#entries.keys()) return key;
    return undefined;
  }

  /** Drops the least recently used entry and returns its value. */
  pop(): V | undefined {
    for (const [key, value] of this.#entries) {
      this.#entries.delete(key);
      return value;
    }
    return undefined;
  }

  clear(): void {
    this.#entries.clear();
  }
}
