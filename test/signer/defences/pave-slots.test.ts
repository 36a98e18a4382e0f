import { describe, expect, it } from 'vitest';
import { createPaveSlots } from '../../../signer/defences/pave-slots.ts';
import { SignerError } from '../../../signer/errors.ts';

describe('createPaveSlots', () => {
  it('runs up to its cap at once, refuses the next with 503 busy without running it, and frees a slot when a call settles', async () => {
    const slots = createPaveSlots(2);
    const releases: (() => void)[] = [];
    const held = () => slots.run(() => new Promise<string>((resolve) => releases.push(() => resolve('done'))));
    const first = held();
    const second = held().catch((error: unknown) => error);
    await Promise.resolve();
    expect(slots.inFlight).toBe(2);

    let ran = false;
    const refused = await slots.run(async () => (ran = true)).catch((error: unknown) => error);
    expect(ran).toBe(false);
    expect(refused).toBeInstanceOf(SignerError);
    expect([(refused as SignerError).code, (refused as SignerError).status, (refused as SignerError).headers]).toEqual(['busy', 503, { 'Retry-After': '1' }]);

    releases[0]!();
    expect(await first).toBe('done');
    expect(slots.inFlight).toBe(1);
    expect(await slots.run(async () => 'again')).toBe('again');
    releases[1]!();
    await second;
    expect(slots.inFlight).toBe(0);
  });

  it('frees the slot of a call that throws', async () => {
    const slots = createPaveSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(slots.inFlight).toBe(0);
    expect(await slots.run(async () => 1)).toBe(1);
  });
});
