/**
 * The last gate before PAVE as the create route uses it (`defences/admit.ts` is the default; here the app
 * is given a recorder or a refusal instead): asked once per create that would reach PAVE, never for a
 * replay, and a refusal reaches neither PAVE nor the idempotency store.
 */
import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../signer/defences/attempt.ts';
import { SignerError } from '../../../signer/errors.ts';
import { createStack } from '../../fixtures/stack.ts';

const json = (response: Response) => response.json() as Promise<any>;

describe('POST /v1/sessions — admit (the gate before PAVE)', () => {
  it('is asked once per create that reaches PAVE, never for a replay', async () => {
    const attempts: Attempt[] = [];
    const gated = createStack({}, {}, { admit: async (attempt) => void attempts.push(attempt), clientIp: () => '203.0.113.9' });
    await gated.post({ delivery: 'sms', phone: '2025550143' }, { 'Idempotency-Key': 'k' });
    await gated.post({ delivery: 'sms', phone: '2025550143' }, { 'Idempotency-Key': 'k' });
    expect(attempts).toEqual([expect.objectContaining({ kind: 'create', delivery: 'sms', phone: '+12025550143', ip: '203.0.113.9' })]);
    expect(attempts[0]?.site.id).toBe('default');
    expect(attempts[0]?.headers.get('Idempotency-Key')).toBe('k');
  });

  it('a refusal reaches neither PAVE nor the idempotency store', async () => {
    let refuse = true;
    const gated = createStack({}, {}, {
      admit: async () => {
        if (refuse) throw new SignerError('rate_limited', 'Too many requests.', { headers: { 'Retry-After': '30' } });
      },
    });
    const refused = await gated.post({ delivery: 'link', vin: '1HGCM82633A004352' }, { 'Idempotency-Key': 'k' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect((await json(refused)).error.code).toBe('rate_limited');
    expect(gated.paveCalls()).toEqual([]);
    refuse = false;
    expect((await gated.post({ delivery: 'link', vin: '1HGCM82633A004352' }, { 'Idempotency-Key': 'k' })).status).toBe(201);
  });

  it('a store that stops answering refuses with 502 upstream_error and reaches no PAVE', async () => {
    const down = () => Promise.reject(new Error('ECONNREFUSED 10.0.0.7:6379'));
    const broken = createStack({}, {}, { idempotency: { get: down, set: down, add: down, delete: down } });
    const response = await broken.post({ delivery: 'sms', phone: '2025550143' }, { 'Idempotency-Key': 'k' });
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ error: { code: 'upstream_error', message: expect.not.stringMatching(/ECONN|10\.0\.0\.7/) } });
    expect(broken.paveCalls()).toEqual([]);
  });
});
