import { describe, expect, it } from 'vitest';
import { createMemoryIdempotencyStore } from '../../../../signer/stores/idempotency/memory.ts';
import { once, type OnceOptions } from '../../../../signer/stores/idempotency/once.ts';

const answer = { status: 201, body: { session_key: 'DMO-1' } };
const options = (overrides: Partial<OnceOptions> = {}): OnceOptions => ({
  store: createMemoryIdempotencyStore(),
  key: 'k',
  request: 'r1',
  keepFor: () => 60_000,
  runMs: 1_000,
  pollMs: 10,
  sleep: async () => {},
  ...overrides,
});

describe('once', () => {
  it('runs the first time and replays after', async () => {
    const o = options();
    let runs = 0;
    const run = async () => ((runs += 1), answer);
    expect(await once(o, run)).toEqual({ kind: 'fresh', answer });
    expect(await once(o, run)).toEqual({ kind: 'replay', answer });
    expect(runs).toBe(1);
  });

  it('tells another request under the same key apart', async () => {
    const o = options();
    await once(o, async () => answer);
    expect(await once({ ...o, request: 'r2' }, async () => answer)).toEqual({ kind: 'conflict' });
  });

  it('makes a concurrent repeat wait for the first answer', async () => {
    const o = options({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const first = once(o, async () => {
      runs += 1;
      await gate;
      return answer;
    });
    const second = once(o, async () => ((runs += 1), { status: 500, body: 'second run' }));
    setTimeout(release, 30);
    expect(await Promise.all([first, second])).toEqual([
      { kind: 'fresh', answer },
      { kind: 'replay', answer },
    ]);
    expect(runs).toBe(1);
  });

  it('gives up waiting after runMs and says so', async () => {
    const o = options({ runMs: 30 });
    await o.store.add('k', { state: 'pending', request: 'r1' }, 60_000);
    expect(await once(o, async () => answer)).toEqual({ kind: 'busy' });
  });

  it('forgets answers it is told not to keep, and refusals that throw', async () => {
    const o = options({ keepFor: (kept) => (kept.status === 201 ? 60_000 : 0) });
    expect(await once(o, async () => ({ status: 502, body: 'refused' }))).toMatchObject({ kind: 'fresh' });
    await expect(once(o, async () => Promise.reject(new Error('rate limited')))).rejects.toThrow('rate limited');
    expect(await o.store.get('k')).toBeUndefined();
    expect(await once(o, async () => answer)).toEqual({ kind: 'fresh', answer });
  });

  it('still hands PAVE’s answer over when the store fails to keep it', async () => {
    const store = createMemoryIdempotencyStore();
    const flaky = { ...store, set: async () => Promise.reject(new Error('connection lost')) };
    let runs = 0;
    expect(await once(options({ store: flaky }), async () => (runs++, answer))).toEqual({ kind: 'fresh', answer });
    // The claim stays until it expires: a repeat waits and gives up, it never creates a second session.
    expect(await once(options({ store: flaky, runMs: 30 }), async () => (runs++, answer))).toEqual({ kind: 'busy' });
    expect(runs).toBe(1);
  });
});
