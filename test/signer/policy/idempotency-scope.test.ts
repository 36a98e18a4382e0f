/**
 * Which earlier create a request repeats: the `Idempotency-Key` when sent, else a short fingerprint of the
 * whole request; either scoped to the caller (site and client); nothing without a key, a phone or a VIN.
 */
import { describe, expect, it } from 'vitest';
import { SignerError } from '../../../signer/errors.ts';
import { IDEMPOTENCY, idempotencyScope } from '../../../signer/policy/idempotency-scope.ts';

const customer = { delivery: 'sms' as const, phone: '+12025550143', vin: '1HGCM82633A004352' };

describe('idempotencyScope', () => {
  it('scopes a key to its site, for a day, and tells bodies apart by digest', async () => {
    const scope = await idempotencyScope({ header: 'submit-1', siteId: 'main-street', customer, client: '192.0.2.1' });
    expect(scope).toEqual({ kind: 'key', key: expect.stringMatching(/^idempotency:main-street:key:[0-9a-f]{64}$/), request: expect.stringMatching(/^[0-9a-f]{64}$/), ttlMs: IDEMPOTENCY.keyTtlMs });
    const otherSite = await idempotencyScope({ header: 'submit-1', siteId: 'north-end', customer, client: '192.0.2.1' });
    expect(otherSite?.key).not.toBe(scope?.key);
    const otherBody = await idempotencyScope({ header: 'submit-1', siteId: 'main-street', customer: { ...customer, vin: undefined }, client: '192.0.2.1' });
    expect([otherBody?.key, otherBody?.request === scope?.request]).toEqual([scope?.key, false]);
  });

  it('scopes a key to its client: another caller presenting it is another request', async () => {
    const scope = await idempotencyScope({ header: 'submit-1', siteId: 'main-street', customer, client: '192.0.2.1' });
    const stranger = await idempotencyScope({ header: 'submit-1', siteId: 'main-street', customer, client: '2001:db8:1:2::/64' });
    expect(stranger?.key).not.toBe(scope?.key);
    expect(stranger?.request).toBe(scope?.request);
  });

  it('without a key, fingerprints the whole request and its client for a short while', async () => {
    const scope = await idempotencyScope({ header: undefined, siteId: 'main-street', customer, client: '192.0.2.1' });
    expect(scope).toEqual({ kind: 'fingerprint', key: expect.stringMatching(/^idempotency:main-street:fingerprint:/), request: expect.any(String), ttlMs: IDEMPOTENCY.fingerprintTtlMs });
    const stranger = await idempotencyScope({ header: undefined, siteId: 'main-street', customer, client: '198.51.100.7' });
    expect(stranger?.key).not.toBe(scope?.key);
    // Every field counts: the same phone and VIN with another name, metadata, vehicle or language is another request.
    for (const change of [{ name: 'Jane Smith' }, { metadata: { lead: '42' } }, { year: 2020 }, { make: 'Honda' }, { model: 'Accord' }, { language: 'fr' }]) {
      const other = await idempotencyScope({ header: undefined, siteId: 'main-street', customer: { ...customer, ...change }, client: '192.0.2.1' });
      expect(other?.key, JSON.stringify(change)).not.toBe(scope?.key);
    }
    expect(await idempotencyScope({ header: undefined, siteId: 'main-street', customer: { delivery: 'link' }, client: '192.0.2.1' })).toBeUndefined();
  });

  it('refuses a malformed key as an invalid field', async () => {
    const error = await idempotencyScope({ header: 'two words', siteId: 'main-street', customer, client: 'unknown' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SignerError);
    expect((error as SignerError).issues).toEqual([{ path: 'Idempotency-Key', code: expect.any(String), message: expect.any(String) }]);
  });
});
