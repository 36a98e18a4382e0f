/**
 * One counter of the memory store: the times of its hits, oldest first — "at most `limit` hits in any
 * `windowMs`", exact. Hits that left the window are dropped from the front by moving an index, and the
 * array is compacted only once the dead part outweighs the live one, so a take is O(1) amortised whatever
 * the ceiling (the log of a site allowing a million sessions a minute costs what a phone's log costs).
 * Refused hits are never recorded, so a log never holds more than its limit.
 */
export class SlidingLog {
  /** Hit times; those before `#first` have left the window. */
  #hits: number[] = [];
  #first = 0;
  /** The longest window this counter was asked about: it lives at least that long after its last hit. */
  windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** How many hits are inside the window ending at `nowMs` (dropping those that left it). */
  live(windowMs: number, nowMs: number): number {
    const hits = this.#hits;
    const cutoff = nowMs - windowMs;
    while (this.#first < hits.length && hits[this.#first]! <= cutoff) this.#first += 1;
    if (this.#first > 16 && this.#first * 2 > hits.length) {
      hits.copyWithin(0, this.#first);
      hits.length -= this.#first;
      this.#first = 0;
    }
    return hits.length - this.#first;
  }

  /**
   * How long until there is room for one more under `limit` (0 when there is room now). Call `live` first.
   * With n ≥ limit live hits, hit number n − limit (0-based, among the live) must leave the window first.
   */
  waitForRoom(limit: number, windowMs: number, nowMs: number): number {
    const blocking = this.#hits[this.#hits.length - limit];
    return this.#hits.length - this.#first < limit || blocking === undefined ? 0 : Math.max(1, blocking + windowMs - nowMs);
  }

  /** Records a hit at `nowMs`, keeping the order even when the clock stepped back. */
  record(nowMs: number): void {
    const hits = this.#hits;
    if (!hits.length || hits[hits.length - 1]! <= nowMs) {
      hits.push(nowMs);
      return;
    }
    // Rare (a clock that stepped back): binary search among the live hits, then insert.
    let low = this.#first;
    let high = hits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (hits[middle]! <= nowMs) low = middle + 1;
      else high = middle;
    }
    hits.splice(low, 0, nowMs);
  }

  /** The time of the newest hit, or `-Infinity` for a log with none. */
  get lastHit(): number {
    return this.#hits.length > this.#first ? this.#hits[this.#hits.length - 1]! : -Infinity;
  }
}
