import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonical, digestOf } from '../../../../signer/stores/idempotency/digest.ts';

describe('digestOf', () => {
  it('is SHA-256 of a canonical JSON form: key order and undefined members do not matter', async () => {
    expect(canonical({ b: 1, a: [2, 'x', { d: undefined, c: null }] })).toBe('{"a":[2,"x",{"c":null}],"b":1}');
    expect(await digestOf({ b: 1, a: 2 })).toBe(await digestOf({ a: 2, b: 1, c: undefined }));
    expect(await digestOf({ a: 2, b: 1 })).toBe(createHash('sha256').update('{"a":2,"b":1}').digest('hex'));
    expect(await digestOf({ a: 1 })).not.toBe(await digestOf({ a: '1' }));
  });
});
