import { describe, expect, it } from 'vitest';
import { createStatusCache } from '../../../signer/stores/status-cache.ts';

describe('createStatusCache', () => {
  it('reuses an answer for ttlMs after it arrived, then reads again', async () => {
    let now = 0;
    let reads = 0;
    const cache = createStatusCache<number>({ ttlMs: 1000, now: () => now });
    const read = async () => ++reads;
    expect(await cache.get('a', read)).toBe(1);
    now = 999;
    expect(await cache.get('a', read)).toBe(1);
    now = 1000;
    expect(await cache.get('a', read)).toBe(2);
    expect(await cache.get('b', read)).toBe(3);
  });

  it('lets callers that arrive during a read wait for it instead of reading too', async () => {
    let now = 0;
    let finish: (value: string) => void = () => {};
    let reads = 0;
    const cache = createStatusCache<string>({ ttlMs: 1000, now: () => now });
    const read = () => {
      reads += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const waiting = [cache.get('a', read), cache.get('a', read)];
    now = 5000; // a read slower than the TTL is still the one to wait for
    waiting.push(cache.get('a', read));
    finish('IDLE');
    expect(await Promise.all(waiting)).toEqual(['IDLE', 'IDLE', 'IDLE']);
    expect(reads).toBe(1);
    expect(await cache.get('a', read)).toBe('IDLE'); // kept from when it arrived
  });

  it('keeps nothing of a read that failed outright', async () => {
    const cache = createStatusCache<string>({ ttlMs: 1000, now: () => 0 });
    await expect(cache.get('a', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await cache.get('a', async () => 'IDLE')).toBe('IDLE');
  });

  it('holds at most maxEntries sessions, dropping the least recently asked', async () => {
    let reads = 0;
    const cache = createStatusCache<number>({ ttlMs: 60_000, maxEntries: 2, now: () => 0 });
    const read = async () => ++reads;
    await cache.get('a', read);
    await cache.get('b', read);
    await cache.get('a', read);
    await cache.get('c', read); // b goes
    expect(await cache.get('a', read)).toBe(1);
    expect(await cache.get('b', read)).toBe(4);
  });
});
