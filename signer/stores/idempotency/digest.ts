/**
 * Digests for idempotency: SHA-256 of a canonical JSON form, so key order and runtime do not matter and
 * no phone number or VIN sits in the store in clear.
 */
import { toHex, utf8, webCryptoHashing, type Hashing } from '../../pave/hashing.ts';

/**
 * @example await digestOf({ b: 1, a: [2, 'x'] }) === await digestOf({ a: [2, 'x'], b: 1 }) // true
 */
export async function digestOf(value: unknown, hashing: Hashing = webCryptoHashing): Promise<string> {
  return toHex(await hashing.sha256(utf8(canonical(value))));
}

/** JSON with object keys sorted and `undefined` members left out. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonical(member)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
